import { defineRequest } from '@elan/contracts';
import { ConcurrencyError, ForbiddenError, IllegalStateError, NotFoundError, ValidationError } from '@elan/domain-kernel';
import { Logger } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { z } from 'zod';
import { answerRequest } from './handles-request.decorator';
import { decodeReplyPacket } from './request-packet';
import { RemoteServiceError, errorFromReply, errorReplyOf } from './request-failures';

const ID = '0190f3a4-5b6c-7d8e-9f01-23456789abcd';
const contract = defineRequest({
  service: 'campaign',
  name: 'CountThings',
  version: 1,
  description: 'A test request.',
  callers: ['gateway'],
  request: z.object({ campaignId: z.uuid() }),
  // Positive at run time only: a handler can break it without breaking the types.
  reply: z.object({
    count: z
      .number()
      .int()
      .refine((count) => count > 0, 'must be positive'),
  }),
});

/** The error reply `answerRequest` throws, as Nest's RPC filter would send it. */
const errorReplyFrom = async (answering: Promise<unknown>): Promise<unknown> => {
  const error = await answering.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof RpcException)) throw new Error(`expected an RpcException, got ${String(error)}`);
  return error.getError();
};

describe('answerRequest (the service side)', () => {
  // What the service logs for its operators, instead of sending it.
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  it('answers the reply of the handler, given the validated request', async () => {
    await expect(
      answerRequest(contract, { campaignId: ID, extra: 1 }, (request) => ({ count: request.campaignId.length })),
    ).resolves.toEqual({
      count: 36,
    });
  });

  it('answers validation_failed naming the invalid field, without running the handler', async () => {
    const handle = jest.fn(() => ({ count: 1 }));

    const reply = await errorReplyFrom(answerRequest(contract, { campaignId: 'c-1' }, handle));

    expect(reply).toEqual({
      code: 'validation_failed',
      message: expect.stringMatching(/^invalid CountThings request: campaignId: /),
      details: { issues: [{ path: 'campaignId', message: expect.any(String) }] },
    });
    expect(handle).not.toHaveBeenCalled();
  });

  it('answers a thrown DomainError as the error reply of its code, with its details', async () => {
    const reply = await errorReplyFrom(
      answerRequest(contract, { campaignId: ID }, () => {
        throw new NotFoundError(`no campaign ${ID}`, { campaignId: ID });
      }),
    );

    expect(reply).toEqual({ code: 'not_found', message: `no campaign ${ID}`, details: { campaignId: ID } });
  });

  it('answers internal_error for any other error, leaking nothing of it', async () => {
    const reply = await errorReplyFrom(
      answerRequest(contract, { campaignId: ID }, () => {
        throw new Error('connection to 10.0.0.7 refused');
      }),
    );

    expect(reply).toMatchObject({ code: 'internal_error', details: {} });
    expect(JSON.stringify(reply)).not.toContain('10.0.0.7');
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('connection to 10.0.0.7 refused'));
  });

  it('answers internal_error when the handler returns a reply that breaks the contract', async () => {
    const reply = await errorReplyFrom(answerRequest(contract, { campaignId: ID }, () => ({ count: -1 })));

    expect(reply).toMatchObject({ code: 'internal_error' });
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/breaks its contract[\s\S]*must be positive/));
  });
});

describe('errorFromReply (the caller side)', () => {
  it.each([
    ['validation_failed', new ValidationError('bad', { issues: [] }), ValidationError],
    ['not_found', new NotFoundError('none', { campaignId: ID }), NotFoundError],
    ['illegal_state', new IllegalStateError('closed'), IllegalStateError],
    ['concurrency_conflict', new ConcurrencyError('raced'), ConcurrencyError],
    ['forbidden', new ForbiddenError('not yours'), ForbiddenError],
  ])('rethrows %s as the DomainError of that code', (_, original, Class) => {
    const error = errorFromReply(contract, JSON.parse(JSON.stringify(errorReplyOf(original))));

    expect(error).toBeInstanceOf(Class);
    expect(error).toMatchObject({ code: original.code, message: original.message, details: original.details });
  });

  it.each([
    ['internal_error', { code: 'internal_error', message: 'see the log', details: {} }],
    ["Nest's reply to an unknown exception", { status: 'error', message: 'Internal server error' }],
    ["Nest's reply when no handler matches", 'There is no matching message handler defined in the remote service.'],
  ])('turns %s into a RemoteServiceError', (_, err) => {
    expect(errorFromReply(contract, err)).toBeInstanceOf(RemoteServiceError);
  });
});

describe('reply packets of the Nest NATS transport', () => {
  const bytes = (packet: unknown) => new TextEncoder().encode(JSON.stringify(packet));

  it('reads a response and an error', () => {
    expect(decodeReplyPacket(bytes({ id: '1', response: { count: 1 }, isDisposed: true }))).toEqual({
      kind: 'response',
      response: { count: 1 },
    });
    expect(decodeReplyPacket(bytes({ id: '1', err: { code: 'not_found' }, isDisposed: true }))).toEqual({
      kind: 'error',
      err: { code: 'not_found' },
    });
  });

  it('refuses what is not a packet', () => {
    expect(() => decodeReplyPacket(new TextEncoder().encode('+OK'))).toThrow();
    expect(() => decodeReplyPacket(bytes([1, 2]))).toThrow();
  });
});
