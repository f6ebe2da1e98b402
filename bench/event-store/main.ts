/**
 * Event-store benchmark: Élan's PostgresEventStore against plain INSERT (the floor) and Emmett's
 * PostgreSQL store, in one run, on one fresh database. See bench/README.md.
 *
 *   npm run bench:event-store [-- --adapters=plain,emmett --measure-ms=3000]
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { AdapterName, EventStoreAdapter } from './adapter';
import { createBenchDatabase, type BenchDatabase } from './database';
import { readOptions, type BenchOptions } from './options';
import { appendKey, emptyResults, renderJson, renderTable, type BenchResults } from './report';
import { measureAppends, measureReadAll } from './workload';

async function loadAdapter(name: AdapterName, url: string): Promise<EventStoreAdapter> {
  switch (name) {
    case 'ours': {
      const { elanAdapter, elanStoreAvailable } = await import('./adapters/elan');
      if (!elanStoreAvailable())
        throw new Error(
          '@elan/event-store does not export PostgresEventStore yet; ' +
            'run with --adapters=plain,emmett (or BENCH_ADAPTERS=plain,emmett) until it does',
        );
      return elanAdapter(url);
    }
    case 'plain':
      return (await import('./adapters/plain')).plainAdapter(url);
    case 'emmett':
      return (await import('./adapters/emmett')).emmettAdapter(url);
  }
}

async function run(options: BenchOptions, db: BenchDatabase): Promise<BenchResults> {
  const adapters: EventStoreAdapter[] = [];
  for (const name of options.adapters) {
    const adapter = await loadAdapter(name, db.url);
    await adapter.prepare(); // in order: ours, plain, emmett (Emmett swaps pg's global parsers)
    adapters.push(adapter);
  }
  const results = emptyResults(options.adapters);
  const timing = { warmupMs: options.warmupMs, measureMs: options.measureMs };
  let round = 0;

  for (const eventsPerAppend of options.eventsPerAppend) {
    for (const writers of options.writers) {
      // Rotate who goes first, so background work (autovacuum, WAL) does not always land on
      // the same implementation.
      for (const adapter of rotate(adapters, round++)) {
        await db.checkpoint();
        const session = await adapter.connect(writers);
        try {
          const tag = `${adapter.name}${eventsPerAppend}e${writers}`;
          const measured = await measureAppends(session, { writers, eventsPerAppend, tag }, timing, () => db.backendCpuSeconds());
          results[adapter.name].appends[appendKey(eventsPerAppend, writers)] = measured;
          results[adapter.name].logEvents += measured.eventsWritten;
          progress(
            `${adapter.name.padEnd(6)} ${eventsPerAppend} ev × ${writers} writers: ${Math.round(measured.eventsPerSecond)} events/s`,
          );
        } finally {
          await session.close();
        }
      }
    }
  }

  for (const adapter of adapters) {
    await db.checkpoint();
    const session = await adapter.connect(1);
    try {
      const measured = await measureReadAll(session, options.pageSize, timing);
      results[adapter.name].read = measured;
      progress(`${adapter.name.padEnd(6)} read all: ${Math.round(measured.eventsPerSecond)} events/s`);
    } finally {
      await session.close();
    }
  }
  return results;
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/** Progress goes to stderr: stdout holds the table and, last, the JSON line. */
function progress(line: string): void {
  process.stderr.write(`  ${line}\n`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const options = readOptions(process.argv.slice(2), process.env);
  const db = await createBenchDatabase();
  progress(`database ${db.name}; adapters ${options.adapters.join(', ')}`);
  process.once('SIGINT', () => {
    progress(`interrupted: dropping ${db.name}`);
    void db.drop().finally(() => process.exit(130));
  });
  let results: BenchResults;
  let postgres: string;
  try {
    postgres = await db.serverVersion();
    results = await run(options, db);
  } finally {
    await db.drop();
  }
  const runInfo = {
    postgres,
    cpus: cpus().length,
    wallSeconds: (performance.now() - started) / 1000,
  };
  process.stdout.write(renderTable(results, options, runInfo));
  process.stdout.write(`${renderJson(results, options, runInfo)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:event-store failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
