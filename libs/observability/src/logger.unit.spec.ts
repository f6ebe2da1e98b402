import { Writable } from 'node:stream';
import { withCorrelation } from './correlation';
import { PinoNestLogger, createPinoLogger, logSettingsFromEnv } from './logger';

/** A pino destination that keeps the lines, parsed. */
const capture = () => {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
};

describe('structured logs', () => {
  it('writes JSON lines with service, context, level and the correlation id of the work in progress', () => {
    const { lines, stream } = capture();
    const logger = new PinoNestLogger(createPinoLogger(logSettingsFromEnv('pledge', {}), stream));

    withCorrelation('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', () =>
      logger.log('pledge recorded', 'PledgeHandlers'),
    );
    logger.warn('slow round', 'Scheduler');

    expect(lines[0]).toMatchObject({
      level: 'info',
      service: 'pledge',
      context: 'PledgeHandlers',
      msg: 'pledge recorded',
      correlationId: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    expect(lines[1]).toMatchObject({ level: 'warn', context: 'Scheduler', msg: 'slow round' });
    expect(lines[1]).not.toHaveProperty('correlationId');
    expect(typeof lines[0]?.time).toBe('string');
  });

  it('redacts a token and an e-mail, as fields and inside a message, and card data', () => {
    const { lines, stream } = capture();
    const logger = new PinoNestLogger(createPinoLogger(logSettingsFromEnv('gateway', {}), stream));
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';

    logger.log({
      msg: 'sign-in',
      email: 'alice@example.org',
      headers: { authorization: `Bearer ${token}`, cookie: 'session=abc' },
    });
    logger.error(`refused Bearer ${token} for alice@example.org, card 4242 4242 4242 4242`, undefined, 'Auth');
    logger.log({ msg: 'card saved', card: { number: '4242424242424242', cvc: '123' } }, 'Cards');
    logger.error(new Error('Key (email)=(alice@example.org) already exists'), 'Accounts');
    logger.error(
      'insert failed',
      'Error: Key (email)=(alice@example.org) already exists\n    at insert (accounts.ts:1:1)',
      'Accounts',
    );

    const written = JSON.stringify(lines);
    expect(written).not.toContain(token);
    expect(written).not.toContain('alice@example.org');
    expect(written).not.toContain('session=abc');
    expect(written).not.toContain('4242');
    expect(lines[0]).toMatchObject({ email: '[redacted]', headers: { authorization: '[redacted]', cookie: '[redacted]' } });
    expect(lines[1]).toMatchObject({
      level: 'error',
      context: 'Auth',
      msg: 'refused Bearer [redacted] for [email], card [card]',
    });
    expect(lines[2]).toMatchObject({ card: '[redacted]', context: 'Cards' });
    expect(lines[3]).toMatchObject({ context: 'Accounts', msg: 'Key (email)=([email]) already exists' });
    expect(lines[4]).toMatchObject({ context: 'Accounts', stack: expect.stringContaining('Key (email)=([email])') });
  });

  it('keeps the level of LOG_LEVEL and refuses an unknown level or format', () => {
    const { lines, stream } = capture();
    const logger = new PinoNestLogger(createPinoLogger(logSettingsFromEnv('tipping', { LOG_LEVEL: 'warn' }), stream));
    logger.log('not written');
    logger.debug('not written either');
    logger.warn('written');
    expect(lines.map((line) => line.msg)).toEqual(['written']);
    expect(() => logSettingsFromEnv('tipping', { LOG_LEVEL: 'chatty' })).toThrow(/LOG_LEVEL must be one of/);
    expect(() => logSettingsFromEnv('tipping', { LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be json or pretty/);
  });
});
