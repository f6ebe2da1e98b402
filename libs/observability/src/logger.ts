import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { currentCorrelationId } from './correlation';

export type LogFormat = 'json' | 'pretty';

export interface LogSettings {
  /** The process, on every line (`service`). */
  readonly service: string;
  /** pino's level: fatal, error, warn, info, debug, trace or silent. */
  readonly level: string;
  readonly format: LogFormat;
}

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** `LOG_LEVEL` (info) and `LOG_FORMAT` (json, or pretty for a developer's terminal). */
export function logSettingsFromEnv(service: string, env: Readonly<Record<string, string | undefined>>): LogSettings {
  const level = env.LOG_LEVEL?.trim().toLowerCase() || 'info';
  if (!LEVELS.includes(level)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(level)}`);
  const format = env.LOG_FORMAT?.trim().toLowerCase() || 'json';
  if (format !== 'json' && format !== 'pretty')
    throw new Error(`LOG_FORMAT must be json or pretty, got ${JSON.stringify(format)}`);
  return { service, level, format };
}

/**
 * Keys whose values never reach a log, at any depth pino's paths reach: credentials, cookies,
 * e-mail addresses, card data. Values are replaced, the key stays (the line still says what was there).
 */
export const REDACTED_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'secretKey',
  'apiKey',
  'email',
  'card',
  'cardNumber',
  'number',
  'cvc',
  'iban',
];
const REDACT_PATHS = REDACTED_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const nested = k.startsWith('[') ? k : `.${k}`;
  return [k, `*${nested}`, `*.*${nested}`, `*.*.*${nested}`];
});

/**
 * What `redact` cannot see: secrets written into a message's text. E-mail addresses, bearer
 * tokens and JWTs, Stripe keys and card-like digit runs are masked (cheap: logs are not a hot path).
 */
const SCRUBS: readonly [RegExp, string][] = [
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  [/\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g, '[jwt]'],
  [/\b(sk|rk|pk|whsec)_(live|test)?_?[A-Za-z0-9]{8,}/g, '[stripe key]'],
  [/\b(?:\d[ -]?){12,18}\d\b/g, '[card]'],
];
export const scrubText = (text: string): string => SCRUBS.reduce((out, [pattern, mask]) => out.replace(pattern, mask), text);

/** The pino options of every Élan process: JSON lines, ISO time, service and correlation id. */
export function pinoOptions(settings: LogSettings): LoggerOptions {
  return {
    level: settings.level,
    base: { service: settings.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    mixin: () => {
      const correlationId = currentCorrelationId();
      return correlationId ? { correlationId } : {};
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)) as Parameters<typeof method>;
        method.apply(this, scrubbed);
      },
    },
  };
}

/** A pino logger; `destination` for tests, otherwise stdout (pretty through pino-pretty, a development dependency). */
export function createPinoLogger(settings: LogSettings, destination?: DestinationStream): Logger {
  if (destination) return pino(pinoOptions(settings), destination);
  if (settings.format === 'pretty') {
    const pretty = loadPretty();
    if (pretty) return pino(pinoOptions(settings), pretty);
  }
  return pino(pinoOptions(settings));
}

/** pino-pretty in the same thread, when installed (development only); otherwise JSON. */
function loadPretty(): DestinationStream | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as (options: object) => DestinationStream;
    return pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  } catch {
    return undefined;
  }
}

const NEST_TO_PINO: Record<LogLevel, 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace'> = {
  fatal: 'fatal',
  error: 'error',
  warn: 'warn',
  log: 'info',
  debug: 'debug',
  verbose: 'trace',
};

/**
 * Nest's logger, writing through pino: `new Logger('context').log(…)` anywhere in Élan (and
 * Nest's own lines) become JSON lines with `context`. The level is pino's (`LOG_LEVEL`); Nest's
 * `logger: [...]` settings are ignored, so one variable decides.
 */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('log', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('verbose', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }
  setLogLevels(): void {
    // One source of truth for the level: LOG_LEVEL.
  }

  /** Nest passes `(message, context)`, and for errors `(message, stack, context)`. */
  private write(level: LogLevel, message: unknown, params: unknown[]): void {
    const method = NEST_TO_PINO[level];
    if (!this.pino.isLevelEnabled(method)) return;
    const last = params[params.length - 1];
    const context = params.length > 0 && typeof last === 'string' ? last : undefined;
    const rest = context === undefined ? params : params.slice(0, -1);
    const fields: Record<string, unknown> = context ? { context } : {};
    const stack = rest.find((p): p is string => typeof p === 'string');
    // Stacks and error messages quote input too (PostgreSQL's "Key (email)=(…) already exists").
    if (stack) fields.stack = scrubText(stack);
    if (message instanceof Error)
      this.pino[method](
        { ...fields, err: { type: message.name, message: scrubText(message.message), stack: scrubText(message.stack ?? '') } },
        message.message,
      );
    else if (typeof message === 'object' && message !== null) this.pino[method]({ ...fields, ...message });
    else this.pino[method](fields, String(message));
  }
}
