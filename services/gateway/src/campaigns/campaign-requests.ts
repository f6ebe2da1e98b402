import { Injectable } from '@nestjs/common';
import { ValidationError } from '@elan/domain-kernel';
import type { ReplyOf, RequestContract, RequestOf } from '@elan/contracts';
import { RequestClient } from '@elan/messaging';
import { validationProblem } from '../validation/zod-validation.pipe';

/**
 * Asks the campaign service by contract. The HTTP schemas check shapes; the campaign checks the
 * rest (lengths, dates, amounts) and names the field it refuses in `details.field`, with the
 * same names as the HTTP body. `withBody` turns such a refusal into the gateway's own 400
 * problem with `errors: [{field, message}]`, so a client reads every invalid body the same way,
 * whichever side found the mistake.
 */
@Injectable()
export class CampaignRequests {
  constructor(private readonly requests: RequestClient) {}

  /** A request without a body of the client's (submit, approve, reads): errors pass as they are. */
  ask<C extends RequestContract>(contract: C, payload: RequestOf<C>): Promise<ReplyOf<C>> {
    return this.requests.request(contract, payload);
  }

  /** A command built from the request body: the campaign's field errors name body fields. */
  async withBody<C extends RequestContract>(contract: C, payload: RequestOf<C>): Promise<ReplyOf<C>> {
    try {
      return await this.requests.request(contract, payload);
    } catch (error) {
      throw bodyFieldProblem(error) ?? error;
    }
  }
}

/** The 400 problem for a campaign `ValidationError` naming a field; `undefined` for anything else. */
export function bodyFieldProblem(error: unknown): Error | undefined {
  if (!(error instanceof ValidationError)) return undefined;
  const field = error.details['field'];
  if (typeof field !== 'string' || field === '') return undefined;
  // The campaign's messages start with the field ("title must not be blank"); `errors` names it apart.
  const message = error.message.startsWith(`${field} `) ? error.message.slice(field.length + 1) : error.message;
  return validationProblem('body', [{ field, message }]);
}
