/**
 * The workloads, identical for every adapter.
 *
 * Append shape: each writer is an async loop that owns its streams. It appends to a stream
 * 10 times (the life of a pledge or tip stream: placed, confirmed, collected… here all of
 * `PledgeEventRecorded`), each time with the version the previous append returned, then opens
 * a new stream. A 10-event append writes 10 events per call, so such a stream ends with 100.
 * Throughput counts the events of appends that completed inside the measurement window.
 *
 * Read shape: one reader pages through the whole global log from its start, `pageSize` events
 * a page, starting over at the end, until the window closes.
 */
import { performance } from 'node:perf_hooks';
import type { AdapterSession, BenchEvent } from './adapter';

export const APPENDS_PER_STREAM = 10;

export interface Timing {
  readonly warmupMs: number;
  readonly measureMs: number;
}

export interface AppendWorkload {
  readonly writers: number;
  readonly eventsPerAppend: number;
  /** Makes this workload's stream names distinct from every other workload's. */
  readonly tag: string;
}

export interface AppendMeasurement {
  readonly eventsPerSecond: number;
  readonly appendsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Every event written, warm-up included: what the log grew by. */
  readonly eventsWritten: number;
  /** CPU per event written, warm-up included, in this process and in the database server. */
  readonly nodeCpuUsPerEvent: number;
  readonly serverCpuUsPerEvent: number | null;
}

export interface ReadMeasurement {
  readonly eventsPerSecond: number;
  readonly eventsRead: number;
  /**
   * Events one complete pass returned (null when no pass ended in the window). Less than the
   * events written means the read guard held some back (a transaction open elsewhere).
   */
  readonly eventsPerPass: number | null;
}

/** CPU seconds the database server has spent on the session's connections so far. */
export type ServerCpu = () => Promise<number | null>;

export async function measureAppends(
  session: AdapterSession,
  workload: AppendWorkload,
  timing: Timing,
  serverCpu: ServerCpu,
): Promise<AppendMeasurement> {
  const serverCpuBefore = await serverCpu();
  const nodeCpuBefore = process.cpuUsage();
  const start = performance.now();
  const measureFrom = start + timing.warmupMs;
  const until = measureFrom + timing.measureMs;
  const latencies: number[] = [];
  let measuredAppends = 0;
  let eventsWritten = 0;

  const writer = async (writerIndex: number): Promise<void> => {
    let streamNumber = 0;
    let streamId = '';
    let version = 0;
    for (let appendIndex = 0; performance.now() < until; appendIndex++) {
      if (appendIndex % APPENDS_PER_STREAM === 0) {
        streamId = `pledge-${workload.tag}w${writerIndex}s${streamNumber++}`;
        version = 0;
      }
      const events = pledgeEvents(streamId, version, workload.eventsPerAppend);
      const began = performance.now();
      const next = await session.append(streamId, events, version);
      const ended = performance.now();
      if (next !== version + events.length)
        throw new Error(`${streamId}: version ${next} after appending ${events.length} at ${version}`);
      version = next;
      eventsWritten += events.length;
      if (ended >= measureFrom && ended <= until) {
        measuredAppends++;
        latencies.push(ended - began);
      }
    }
  };

  await Promise.all(Array.from({ length: workload.writers }, (_, i) => writer(i)));
  const nodeCpu = process.cpuUsage(nodeCpuBefore);
  const serverCpuAfter = await serverCpu();
  const seconds = timing.measureMs / 1000;
  latencies.sort((a, b) => a - b);
  return {
    eventsPerSecond: (measuredAppends * workload.eventsPerAppend) / seconds,
    appendsPerSecond: measuredAppends / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    eventsWritten,
    nodeCpuUsPerEvent: (nodeCpu.user + nodeCpu.system) / eventsWritten,
    serverCpuUsPerEvent:
      serverCpuBefore === null || serverCpuAfter === null ? null : ((serverCpuAfter - serverCpuBefore) * 1e6) / eventsWritten,
  };
}

export async function measureReadAll(session: AdapterSession, pageSize: number, timing: Timing): Promise<ReadMeasurement> {
  await readFor(session, pageSize, timing.warmupMs);
  return readFor(session, pageSize, timing.measureMs);
}

async function readFor(session: AdapterSession, pageSize: number, ms: number): Promise<ReadMeasurement> {
  const start = performance.now();
  const until = start + ms;
  let eventsRead = 0;
  let eventsPerPass: number | null = null;
  for (;;) {
    let inPass = 0;
    let complete = true;
    for await (const count of session.readAll(pageSize)) {
      inPass += count;
      eventsRead += count;
      if (performance.now() >= until) {
        complete = false;
        break;
      }
    }
    if (complete) eventsPerPass = inPass;
    if (!complete || inPass === 0 || performance.now() >= until) break;
  }
  return {
    eventsPerSecond: eventsRead / ((performance.now() - start) / 1000),
    eventsRead,
    eventsPerPass,
  };
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/**
 * Events shaped like Élan's: a pledge's facts with money in minor units and full metadata
 * (about 400 bytes of JSON each). Built fresh for every append, as a handler would.
 */
export function pledgeEvents(streamId: string, version: number, count: number): BenchEvent[] {
  const events: BenchEvent[] = [];
  for (let i = 1; i <= count; i++) {
    const position = version + i;
    events.push({
      type: 'PledgeEventRecorded',
      data: {
        pledgeId: streamId,
        campaignId: 'campaign-0190f3a2-7c1e-7b3d-9a4f-2d5e6f708192',
        contributorId: 'account-0190f3a2-7c1e-7b3d-9a4f-aa5e6f708193',
        amount: { amount: 2500 + position, currency: 'EUR' },
        tierId: 'tier-3',
        sequence: position,
        recordedAt: '2025-06-01T12:00:00.000Z',
      },
      metadata: {
        correlationId: `corr-${streamId}`,
        causationId: `cmd-${streamId}-${position}`,
        actor: 'account-0190f3a2-7c1e-7b3d-9a4f-aa5e6f708193',
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      },
    });
  }
  return events;
}
