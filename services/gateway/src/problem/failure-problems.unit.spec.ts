import { Logger } from '@nestjs/common';
import { ConcurrencyError, ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '@elan/domain-kernel';
import { RemoteServiceError, RequestTimeoutError, ServiceUnavailableError } from '@elan/messaging';
import { problemForFailure } from './failure-problems';

describe('problems for domain errors and failed requests', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it.each([
    [new ValidationError('amount must be positive'), 400, 'validation_failed'],
    [new ForbiddenError('not your campaign'), 403, 'forbidden'],
    [new NotFoundError('no such campaign'), 404, 'not_found'],
    [new IllegalStateError('the campaign is closed'), 409, 'illegal_state'],
    [new ConcurrencyError('changed meanwhile'), 409, 'concurrency_conflict'],
  ])('answers %s with its status, code and message', (error, status, code) => {
    expect(problemForFailure(error)).toEqual({
      type: `urn:elan:problem:${code}`,
      title: expect.any(String),
      status,
      detail: error.message,
      code,
    });
  });

  it('passes the details of a domain error on', () => {
    expect(problemForFailure(new NotFoundError('no such campaign', { campaignId: 'c-1' }))).toMatchObject({
      details: { campaignId: 'c-1' },
    });
  });

  it.each([
    [new RequestTimeoutError('rpc.campaign.X.v1', 'campaign did not answer X within 5000 ms'), 504, 'request_timeout'],
    [new ServiceUnavailableError('rpc.campaign.X.v1', 'no replica of campaign answers X'), 503, 'service_unavailable'],
    [new RemoteServiceError('rpc.campaign.X.v1', 'campaign failed to answer X'), 502, 'remote_failure'],
  ])('answers %s with its status and code, naming no subject or service', (error, status, code) => {
    const problem = problemForFailure(error);

    expect(problem).toMatchObject({ type: `urn:elan:problem:${code}`, status, code });
    expect(JSON.stringify(problem)).not.toMatch(/rpc\.|campaign/);
  });

  it('leaves any other error to the filter', () => {
    expect(problemForFailure(new Error('boom'))).toBeUndefined();
  });
});
