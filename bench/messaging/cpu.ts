/** CPU time, read from /proc: the machine's, a process's, and the database backends' by pool. */
import { readFile } from 'node:fs/promises';
import type { Client } from 'pg';

/**
 * CPU seconds used so far by the database server's backends of the bench database, by the
 * pool they serve (`application_name`; the store's LISTEN/NOTIFY connections copy the
 * publisher pool's); null when the server is not on this machine.
 */
export async function backendCpuSeconds(monitor: Client): Promise<{ publisher: number; consumer: number } | null> {
  const { rows } = await monitor.query<{ pid: number; application_name: string }>(
    `SELECT pid, application_name FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
  );
  const totals = { publisher: 0, consumer: 0 };
  let readable = 0;
  for (const { pid, application_name: name } of rows) {
    const seconds = await processCpuSeconds(pid);
    if (seconds === null) continue;
    readable++;
    if (name === 'bench-publisher') totals.publisher += seconds;
    else if (name === 'bench-consumer') totals.consumer += seconds;
  }
  return rows.length > 0 && readable === 0 ? null : totals;
}

/** CPU seconds all the machine's CPUs have spent busy since boot (null when unknown). */
export async function machineBusySeconds(): Promise<number | null> {
  try {
    const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
    const [, ...values] = line.trim().split(/\s+/);
    const ticks = values.map(Number);
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
    return Number.isFinite(total) ? (total - idle) / 100 : null;
  } catch {
    return null;
  }
}

/** CPU seconds a process of this machine has used (null when unknown). */
export async function processCpuSeconds(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks / 100 : null;
  } catch {
    return null;
  }
}
