/** A small JSON client over Node's fetch (keep-alive), as a browser talks to the gateway. */
import { performance } from 'node:perf_hooks';

export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
}

export interface Call {
  readonly token?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export async function call<T = unknown>(origin: string, method: string, path: string, options: Call = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${origin}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** Like `call`, but throws unless the status is `expected`. */
export async function expect<T = unknown>(
  expected: number,
  origin: string,
  method: string,
  path: string,
  options: Call = {},
): Promise<T> {
  const answer = await call<T>(origin, method, path, options);
  if (answer.status !== expected)
    throw new Error(`${method} ${path} answered ${answer.status} (expected ${expected}): ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export const now = (): number => performance.now();
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The q-quantile (0…1) of `values`, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}
