/**
 * The load generator of `bench:web`: GETs on kept-alive connections (`node:http` Agent), as
 * browsers behind a few proxies would reuse them. Closed loop (N clients, each sending its next
 * request when the last answer is read) finds the saturating rate; open loop (requests sent on a
 * fixed schedule, whatever the answers) measures latency at a given rate, counted from when each
 * request was due, so a stalled server cannot hide its queue (no coordinated omission).
 */
import { Agent, request } from 'node:http';
import { now, sleep } from '../pledge/http';

export interface Fetched {
  readonly status: number;
  readonly body: string;
}

/**
 * One GET on `agent`, the whole body read. A kept-alive connection the server closed just as it was
 * reused (its idle timeout racing ours, worse when timers run late on a busy machine) is retried
 * once on a new one, as browsers retry an idempotent request; the time it took still counts.
 */
export const get = (url: URL, agent: Agent, retry = true): Promise<Fetched> =>
  new Promise((resolve, reject) => {
    const sent = request(url, { agent, headers: { accept: 'text/html' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    sent.on('error', (error: NodeJS.ErrnoException) => {
      if (retry && sent.reusedSocket && error.code === 'ECONNRESET') resolve(get(url, agent, false));
      else reject(error);
    });
    sent.end();
  });

export interface Window {
  /** Answers 200 whose request started and ended inside the measured window. */
  readonly ok: number;
  /** Anything else, by status or error. */
  readonly failures: Record<string, number>;
  /** Answers 200 in all, warm-up included (what the CPU used during the whole loop served). */
  readonly answered: number;
  /** Latencies (ms) of the answers counted in `ok`. */
  readonly latencies: number[];
  readonly seconds: number;
}

const failureOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).slice(0, 60);

/** `clients` closed loops on `url` for `warmupMs`, then `measureMs` counted. */
export async function closedLoop(url: URL, clients: number, warmupMs: number, measureMs: number): Promise<Window> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const start = now();
  const from = start + warmupMs;
  const to = from + measureMs;
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let answered = 0;
  const client = async (): Promise<void> => {
    while (now() < to) {
      const sent = now();
      try {
        const answer = await get(url, agent);
        const done = now();
        if (answer.status !== 200) failures[String(answer.status)] = (failures[String(answer.status)] ?? 0) + 1;
        else answered++;
        if (answer.status === 200 && sent >= from && done <= to) latencies.push(done - sent);
      } catch (error) {
        failures[failureOf(error)] = (failures[failureOf(error)] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  agent.destroy();
  return { ok: latencies.length, answered, failures, latencies, seconds: measureMs / 1000 };
}

/**
 * Requests to `url` due every 1/`perSecond` s for `warmupMs + measureMs`; the latency of each is
 * from when it was due to when its answer was read. Those due in the last `measureMs` count.
 */
export async function openLoop(url: URL, perSecond: number, warmupMs: number, measureMs: number): Promise<Window> {
  const agent = new Agent({ keepAlive: true, maxSockets: 512 });
  const interval = 1000 / perSecond;
  const start = now();
  const from = start + warmupMs;
  const end = from + measureMs;
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  const pending: Promise<void>[] = [];
  let answered = 0;
  for (let n = 0; ; n++) {
    const due = start + n * interval;
    if (due >= end) break;
    const wait = due - now();
    // Timers are coarse (≈1 ms): requests falling due meanwhile are sent together, latency still counted from `due`.
    if (wait >= 1) await sleep(wait);
    pending.push(
      get(url, agent).then(
        (answer) => {
          if (answer.status !== 200) failures[String(answer.status)] = (failures[String(answer.status)] ?? 0) + 1;
          else answered++;
          if (answer.status === 200 && due >= from) latencies.push(now() - due);
        },
        (error: unknown) => void (failures[failureOf(error)] = (failures[failureOf(error)] ?? 0) + 1),
      ),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  return { ok: latencies.length, answered, failures, latencies, seconds: measureMs / 1000 };
}

/** Two windows of the same load as one: rates over both, latencies of both. */
export const mergeWindows = (a: Window, b: Window): Window => {
  const failures = { ...a.failures };
  for (const [what, count] of Object.entries(b.failures)) failures[what] = (failures[what] ?? 0) + count;
  return {
    ok: a.ok + b.ok,
    answered: a.answered + b.answered,
    failures,
    latencies: [...a.latencies, ...b.latencies],
    seconds: a.seconds + b.seconds,
  };
};
