import { Controller, Get, Header, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { getReconciliationReport, runReconciliation } from '@elan/contracts';
import { RequestClient } from '@elan/messaging';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { schemaRef } from '../openapi/api-schemas';
import { ReconciliationReportSchema, type ReconciliationReport } from './reconciliation.schemas';

const actorOf = (actor: Actor) => ({ accountId: actor.accountId, roles: [...actor.roles] });

const REPORT =
  'The payout service compares, to the cent, the pledge and tipping services’ accounts of every payment, its own ' +
  'campaign ledgers and statements, the tipping ledger and what Stripe reports (payment intents, refunds, transfers, ' +
  'balance transactions), and verifies the hash chains of the three money stores (ADR 0028). The report: the latest ' +
  'run — when, what it checked, the figures per currency and per campaign — and every mismatch still open, each with ' +
  'its kind, campaign, streams, Stripe objects, expected and actual amounts, and when it was first and last seen.';

/** The reconciliation, for admins (`/api/admin/reconciliation`), answered by the payout service. */
@ApiTags('admin')
@Controller('admin/reconciliation')
@Roles('admin')
export class ReconciliationHttpController {
  constructor(private readonly requests: RequestClient) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The reconciliation’s latest run and its open mismatches', description: REPORT })
  @ApiOkResponse({ description: 'The latest report', schema: schemaRef(ReconciliationReportSchema) })
  report(@CurrentActor() actor: Actor): Promise<ReconciliationReport> {
    return this.requests.request(getReconciliationReport, { actor: actorOf(actor) });
  }

  @Post('runs')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Run the reconciliation now',
    description: `Runs it now (after the run in progress, if any: one at a time) and answers its report. ${REPORT}`,
  })
  @ApiOkResponse({ description: 'The report of the run', schema: schemaRef(ReconciliationReportSchema) })
  run(@CurrentActor() actor: Actor): Promise<ReconciliationReport> {
    return this.requests.request(runReconciliation, { actor: actorOf(actor) }, { timeoutMs: 120_000 });
  }
}
