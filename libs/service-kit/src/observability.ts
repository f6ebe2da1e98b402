import { Logger } from '@nestjs/common';
import {
  PinoNestLogger,
  createPinoLogger,
  logSettingsFromEnv,
  metricsPortFromEnv,
  startMetricsServer,
  type MetricsServer,
} from '@elan/observability';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * A process's logs and metrics, from its environment (ADR 0032): Nest's logger writes JSON lines
 * through pino (`LOG_LEVEL`, `LOG_FORMAT=pretty` for a terminal), and `/metrics` listens on
 * `METRICS_PORT` when it is set (`METRICS_HOST`, all interfaces unless given). Off by default:
 * parallel stacks of tests and `npm start` would otherwise fight for one port. A bad value
 * throws, before anything starts.
 */
export function startObservability(service: string, env: Env): { readonly metrics: Promise<MetricsServer | undefined> } {
  Logger.overrideLogger(new PinoNestLogger(createPinoLogger(logSettingsFromEnv(service, env))));
  const port = metricsPortFromEnv(env);
  const host = env.METRICS_HOST?.trim() || undefined;
  return { metrics: port === undefined ? Promise.resolve(undefined) : startMetricsServer(service, port, host) };
}
