import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, register } from 'prom-client';

export interface MetricsServer {
  /** `http://host:port/metrics`, with the port actually bound (tests pass 0). */
  readonly url: string;
  close(): Promise<void>;
}

let defaultMetricsCollected = false;

/**
 * The process's `/metrics`, in Prometheus' text format, on a listener of its own (not the API's
 * port: nothing to route, authenticate or rate-limit, and a service without HTTP gets one too).
 * Adds Node's default process metrics and a `service` label on every series.
 */
export async function startMetricsServer(service: string, port: number, host = '0.0.0.0'): Promise<MetricsServer> {
  if (!defaultMetricsCollected) {
    collectDefaultMetrics();
    defaultMetricsCollected = true;
  }
  register.setDefaultLabels({ service });
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('only GET /metrics here\n');
      return;
    }
    register.metrics().then(
      (text) => response.writeHead(200, { 'content-type': register.contentType }).end(text),
      (error: unknown) =>
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`metrics failed: ${(error as Error).message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    url: `http://${shown}:${bound}/metrics`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/** `METRICS_PORT` (0 picks a free port); undefined, the default, means no metrics listener. */
export function metricsPortFromEnv(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const value = env.METRICS_PORT?.trim();
  if (!value) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`METRICS_PORT must be a port number (0 to 65535), got ${JSON.stringify(value)}`);
  return port;
}
