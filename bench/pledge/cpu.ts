/**
 * CPU by process for a window of the run: every process of the stack by pid, this process (the
 * contributors and the watcher), and the PostgreSQL backends of the run's database by the pool
 * they serve (`application_name`, `elan-<owner>`), read from /proc as bench/messaging does.
 */
import type { Client } from 'pg';
import { machineBusySeconds, processCpuSeconds } from '../messaging/cpu';

export interface CpuSample {
  readonly at: number;
  /** The run database's counters (pg_stat_database): transactions committed, rows inserted and updated. */
  readonly database: { readonly commits: number; readonly inserted: number; readonly updated: number };
  readonly machine: number | null;
  /** CPU seconds so far, by name: a process, or `postgres (<application_name>)`. */
  readonly seconds: Record<string, number>;
}

/** A backend's CPU so far, remembered: a backend that ends mid-window keeps what it had used. */
const backendSeen = new Map<number, { readonly name: string; seconds: number }>();

export async function sampleCpu(pids: Readonly<Record<string, number | undefined>>, monitor: Client): Promise<CpuSample> {
  const seconds: Record<string, number> = {};
  for (const [name, pid] of Object.entries(pids)) {
    const used = await processCpuSeconds(pid);
    if (used !== null) seconds[name] = used;
  }
  const usage = process.cpuUsage();
  seconds['bench (contributors)'] = (usage.user + usage.system) / 1e6;
  const { rows } = await monitor.query<{ pid: number; application_name: string }>(
    `SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  for (const { pid, application_name: name } of rows) {
    const used = await processCpuSeconds(pid);
    if (used !== null) backendSeen.set(pid, { name: `postgres (${name || 'unnamed'})`, seconds: used });
  }
  for (const { name, seconds: used } of backendSeen.values()) seconds[name] = (seconds[name] ?? 0) + used;
  const stats = await monitor.query<{ commits: string; inserted: string; updated: string }>(
    `SELECT xact_commit AS commits, tup_inserted AS inserted, tup_updated AS updated FROM pg_stat_database WHERE datname = current_database()`,
  );
  const database = {
    commits: Number(stats.rows[0]?.commits),
    inserted: Number(stats.rows[0]?.inserted),
    updated: Number(stats.rows[0]?.updated),
  };
  return { at: performance.now(), machine: await machineBusySeconds(), seconds, database };
}

export interface CpuWindow {
  readonly wallSeconds: number;
  /** CPU seconds used in the window, by name, largest first. */
  readonly used: ReadonlyArray<readonly [string, number]>;
  readonly machineBusy: number | null;
  readonly database: CpuSample['database'];
}

export function cpuBetween(from: CpuSample, to: CpuSample): CpuWindow {
  const used = Object.entries(to.seconds)
    .map(([name, seconds]) => [name, seconds - (from.seconds[name] ?? 0)] as const)
    .filter(([, seconds]) => seconds > 0)
    .sort((a, b) => b[1] - a[1]);
  return {
    wallSeconds: (to.at - from.at) / 1000,
    used,
    machineBusy: from.machine === null || to.machine === null ? null : to.machine - from.machine,
    database: {
      commits: to.database.commits - from.database.commits,
      inserted: to.database.inserted - from.database.inserted,
      updated: to.database.updated - from.database.updated,
    },
  };
}
