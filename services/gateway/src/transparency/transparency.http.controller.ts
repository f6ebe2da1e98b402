import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  MONEY_LOGS,
  MONEY_SERVICES,
  TRANSPARENCY_REQUESTS,
  getPayoutMonths,
  getTipLedger,
  moneyServiceOf,
  type MoneyService,
} from '@elan/contracts';
import { NotFoundError } from '@elan/domain-kernel';
import { RequestClient } from '@elan/messaging';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { ValidParam, ValidQuery } from '../validation/validated.decorators';
import { currenciesOf, platformMonthsOf } from './platform-months';
import {
  PlatformMonthsQuerySchema,
  PlatformMonthsSchema,
  type PlatformMonths,
  type PlatformMonthsQuery,
} from './public-ledger.schemas';
import {
  CheckpointsQuerySchema,
  SignedCheckpointsSchema,
  StreamIdSchema,
  StreamLinksQuerySchema,
  StreamLinksSchema,
  TransparencyKeySchema,
  type CheckpointsQuery,
  type SignedCheckpoints,
  type StreamLinks,
  type StreamLinksQuery,
  type TransparencyKey,
} from './transparency.schemas';

const DEFAULT_LIMIT = 20;
/** `pledge-…, tip-…, payoutledger-…, payout-…`: what a 404 names. */
const MONEY_PREFIXES = MONEY_SERVICES.flatMap((service) => MONEY_LOGS[service].prefixes.map((prefix) => `${prefix}…`)).join(', ');

/**
 * The public transparency routes (ADR 0025): the key checkpoints are signed with, the money
 * services' signed checkpoints, and a money stream's links. Public, no personal data; each money
 * service answers for its own log over NATS. `npm run verify-ledger` is their client.
 */
@ApiTags('transparency')
@Controller('transparency')
export class TransparencyHttpController {
  constructor(private readonly requests: RequestClient) {}

  @Get()
  @ApiOperation({
    summary: 'The platform’s money, by month',
    description:
      'Public, no personal data. Per UTC month and currency, oldest first: pledges collected and refunded, statements ' +
      'paid out to holders and refunds after payout reversed (summed from the payout service’s events: a pledge in ' +
      'the month it was charged, a statement in the month it was paid), tips received (the tipping ledger, ' +
      '`GET /api/tips/ledger`), and Stripe’s processing fees borne by the platform (in the month they were recorded ' +
      'on a statement). Each campaign’s own: `GET /api/campaigns/{id}/ledger`.',
  })
  @ApiOkResponse({ description: 'The months', schema: schemaRef(PlatformMonthsSchema) })
  @ApiProblem(400, 'A month is not YYYY-MM, or `from` comes after `to`')
  @ApiProblem(503, 'The payout or tipping service is unavailable; retry later')
  @ApiProblem(504, 'The payout or tipping service did not answer in time; retry later')
  async months(@ValidQuery(PlatformMonthsQuerySchema) query: PlatformMonthsQuery): Promise<PlatformMonths> {
    const range = { ...(query.from && { from: query.from }), ...(query.to && { to: query.to }) };
    const { months } = await this.requests.request(getPayoutMonths, range);
    const tips = await Promise.all(
      currenciesOf(months).map((currency) => this.requests.request(getTipLedger, { currency, ...range })),
    );
    return { months: platformMonthsOf(months, tips) };
  }

  @Get('key')
  @ApiOperation({
    summary: 'The public key that signs the checkpoints',
    description:
      'Public. Ed25519, SPKI PEM; `keyId` is the first 16 hex digits of the SHA-256 of its DER, as each checkpoint ' +
      'names it. Compare it with the key printed in the docs (docs/transparency.md) before trusting it.',
  })
  @ApiOkResponse({ description: 'The key', schema: schemaRef(TransparencyKeySchema) })
  @ApiProblem(503, 'The pledge service is unavailable; retry later')
  @ApiProblem(504, 'The pledge service did not answer in time; retry later')
  async key(): Promise<TransparencyKey> {
    const { key } = await this.requests.request(TRANSPARENCY_REQUESTS.pledge.checkpoints, { limit: 0 });
    return key;
  }

  @Get('checkpoints')
  @ApiOperation({
    summary: 'Signed checkpoints of the money streams’ heads',
    description:
      'Public. Each money service (`pledge`, `tipping`, `payout`) signs the heads (position, hash) of its money streams ' +
      'every hour (the payout service also on each payout): `log` pages through one log, oldest first, after the sequence `after`; without `log`, the latest ' +
      'checkpoint of each log. Keep what you fetch: `npm run verify-ledger` checks that later history extends it.',
  })
  @ApiOkResponse({ description: 'The signed checkpoints', schema: schemaRef(SignedCheckpointsSchema) })
  @ApiProblem(503, 'A money service is unavailable; retry later')
  @ApiProblem(504, 'A money service did not answer in time; retry later')
  async checkpoints(@ValidQuery(CheckpointsQuerySchema) query: CheckpointsQuery): Promise<SignedCheckpoints> {
    if (query.log !== undefined) {
      const answer = await this.requests.request(TRANSPARENCY_REQUESTS[query.log as MoneyService].checkpoints, {
        ...(query.after !== undefined && { after: query.after }),
        limit: query.limit ?? DEFAULT_LIMIT,
      });
      return { checkpoints: answer.checkpoints };
    }
    const answers = await Promise.all(
      MONEY_SERVICES.map((service) => this.requests.request(TRANSPARENCY_REQUESTS[service].checkpoints, { limit: 0 })),
    );
    return { checkpoints: answers.flatMap((answer) => (answer.latest ? [answer.latest] : [])) };
  }

  @Get('streams/:streamId/links')
  @ApiOperation({
    summary: 'The hash-chain links of a money stream',
    description:
      'Public, no event data: for each event from `from`, its position, hash, type and time. Only money streams ' +
      '(`pledge-…`, `tip-…`, `payoutledger-…`, `payout-…`); any other stream is a 404. A verifier compares these hashes with a checkpoint it kept.',
  })
  @ApiOkResponse({ description: 'The links, in order', schema: schemaRef(StreamLinksSchema) })
  @ApiProblem(404, 'Not a money stream')
  @ApiProblem(503, 'The money service is unavailable; retry later')
  @ApiProblem(504, 'The money service did not answer in time; retry later')
  async links(
    @ValidParam('streamId', StreamIdSchema) streamId: string,
    @ValidQuery(StreamLinksQuerySchema) query: StreamLinksQuery,
  ): Promise<StreamLinks> {
    const service = moneyServiceOf(streamId);
    // A bare prefix (`pledge-`) names no stream either.
    if (service === undefined || (MONEY_LOGS[service].prefixes as readonly string[]).includes(streamId))
      throw new NotFoundError(`${streamId} is not a money stream: ${MONEY_PREFIXES}`, { streamId });
    return this.requests.request(TRANSPARENCY_REQUESTS[service].links, { streamId, from: query.from, limit: query.limit });
  }
}
