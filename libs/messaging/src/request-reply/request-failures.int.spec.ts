import { ValidationError } from '@elan/domain-kernel';
import { defineRequest } from '@elan/contracts';
import { Logger } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { Client } from 'pg';
import { QueryFailedError } from 'typeorm';
import { z } from 'zod';
import { answerRequest } from './handles-request.decorator';
import { answerableError, DATA_EXCEPTION_MESSAGE, isDataException } from './request-failures';

const contract = defineRequest({
  service: 'campaign',
  name: 'ListThings',
  version: 1,
  description: 'A test request whose handler sends its value to PostgreSQL.',
  callers: ['gateway'],
  request: z.object({ value: z.string() }),
  reply: z.object({ ok: z.boolean() }),
});

describe('database errors a request caused', () => {
  let client: Client;
  /** The error PostgreSQL raises for `sql`, as the driver throws it. */
  const failureOf = async (sql: string, values: unknown[] = []): Promise<unknown> =>
    client.query(sql, values).then(
      () => {
        throw new Error(`${sql} did not fail`);
      },
      (error: unknown) => error,
    );

  beforeAll(async () => {
    client = new Client({ connectionString: process.env['DATABASE_URL'] });
    await client.connect();
  });
  afterAll(() => client.end());
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it.each([
    ['a bigint overflow (22003)', 'SELECT CAST($1 AS bigint)', ['9223372036854775808']],
    ['a date out of range (22008)', 'SELECT CAST($1 AS timestamptz)', ['294277-01-01T00:00:00Z']],
    ['an invalid integer text (22P02)', 'SELECT CAST($1 AS integer)', ['twelve']],
    ['a NUL in jsonb (22P05)', 'SELECT CAST($1 AS jsonb)', ['{"a":"\\u0000"}']],
  ])('are data exceptions: %s', async (_, sql, values) => {
    const error = await failureOf(sql, values);
    expect(isDataException(error)).toBe(true);
    expect(isDataException(new QueryFailedError(sql, values, error as Error))).toBe(true);
    expect(answerableError(error)).toEqual(new ValidationError(DATA_EXCEPTION_MESSAGE));
  });

  it.each([
    ['a syntax error (42601)', 'SELEC 1'],
    ['a missing table (42P01)', 'SELECT * FROM no_such_table'],
  ])('are not when the service is at fault: %s', async (_, sql) => {
    const error = await failureOf(sql);
    expect(isDataException(error)).toBe(false);
    expect(answerableError(error)).toBeUndefined();
  });

  it('are answered validation_failed, without the SQL or the value', async () => {
    const thrown = await answerRequest(contract, { value: '99999999999999999999' }, async ({ value }) => {
      await client.query('SELECT CAST($1 AS bigint)', [value]);
      return { ok: true };
    }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(RpcException);
    const reply = (thrown as RpcException).getError();
    expect(reply).toEqual({ code: 'validation_failed', message: DATA_EXCEPTION_MESSAGE, details: {} });
    expect(JSON.stringify(reply)).not.toMatch(/bigint|SELECT|9999/);
  });

  it('leave any other database error an internal error', async () => {
    const thrown = await answerRequest(contract, { value: 'x' }, async () => {
      await client.query('SELECT * FROM no_such_table');
      return { ok: true };
    }).catch((error: unknown) => error);
    expect((thrown as RpcException).getError()).toMatchObject({ code: 'internal_error' });
  });
});
