/**
 * Pledge benchmark (issue #10, deliverable 7): 50 contributors pledge at once through HTTP on a
 * keep-it-all campaign — place (201) → confirm with the Stripe emulator → webhook → committed →
 * visible in the campaign's total — against a bare NestJS endpoint doing one INSERT, measured in
 * the same run. See bench/pledge/README.md.
 *
 *   npm run bench:pledge [-- --contributors=50 --warmup-ms=5000 --measure-ms=20000]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '@elan/testing';
import { createBenchDatabase } from '../messaging/database';
import { cpuBetween, sampleCpu, type CpuWindow } from './cpu';
import { now, percentile, sleep } from './http';
import { PLEDGE_MINOR_UNITS, startBaselineLoad, startPledgeLoad, visibleAt, visibleCountAt, type BaselineRun } from './load';
import { firstMessage, startNode } from './processes';
import { contributors as registerContributors, liveKeepItAllCampaign } from './setup';
import { startStack } from './stack';

const option = (name: string, variable: string, fallback: number): number => {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? process.env[variable];
  return given === undefined || given === '' ? fallback : Number(given);
};
const CONTRIBUTORS = option('contributors', 'BENCH_CONTRIBUTORS', 50);
const WARMUP_MS = option('warmup-ms', 'BENCH_WARMUP_MS', 5_000);
const MEASURE_MS = option('measure-ms', 'BENCH_MEASURE_MS', 20_000);
/** The baseline runs twice, before and after the pledges, so drift on a shared machine hits both alike. */
const BASELINE_MS = option('baseline-ms', 'BENCH_BASELINE_MS', 4_000);
const BACKLOG = option('backlog', 'BENCH_BACKLOG', 1_000);
const POLL_MS = option('poll-ms', 'BENCH_POLL_MS', 50);
/** The watcher alone, to tell its cost from the pledges'. */
const WATCHER_ALONE_MS = 3_000;
const TARGET_PER_S = 300;
const TARGET_VS_BARE = 0.1;

/** The processes whose CPU is Élan's own: what `cpu_ms_per_pledge` adds up. */
const ELAN = (name: string): boolean =>
  ['gateway', 'campaign', 'pledge', 'tipping', 'nats-server'].includes(name) ||
  (name.startsWith('postgres (elan-') && !name.includes('bench'));

const progress = (line: string): void => void process.stderr.write(`  ${line}\n`);
const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;

async function main(): Promise<void> {
  const wallStart = now();
  const database = await createBenchDatabase();
  const monitor = new Client({ connectionString: database.url, application_name: 'bench-monitor' });
  await monitor.connect();
  const stops: Array<() => Promise<void>> = [];
  try {
    progress(`database ${database.name}; starting NATS, the emulator, the services, the gateway and the bare endpoint`);
    const barePort = await freePort();
    const bare = startNode(
      'bare endpoint',
      'bench/pledge/bare-endpoint.ts',
      { ...process.env, DATABASE_URL: database.url, BARE_SCHEMA: 'bench_bare', PORT: String(barePort), NODE_ENV: 'production' },
      true,
    );
    stops.push(bare.stop);
    const [stack] = await Promise.all([
      startStack(database.url),
      firstMessage(bare, (message) => (message === 'ready' ? true : undefined)),
    ]);
    stops.unshift(stack.stop);
    const bareUrl = `http://127.0.0.1:${barePort}`;

    progress(`registering ${CONTRIBUTORS} contributors; a live keep-it-all campaign`);
    const [accounts, campaignId] = await Promise.all([
      registerContributors(stack.gatewayUrl, CONTRIBUTORS),
      liveKeepItAllCampaign(stack.gatewayUrl, stack.admin, 60 * 60 * 1000),
    ]);
    const pids = { ...stack.pids, 'bare endpoint': bare.pid };

    const baselineWindow = async (label: string): Promise<{ run: BaselineRun; from: number; to: number; cpu: CpuWindow }> => {
      progress(`baseline (${label}): ${CONTRIBUTORS} clients on the bare endpoint, 1 s warm-up, ${BASELINE_MS} ms measured`);
      const load = startBaselineLoad(bareUrl, CONTRIBUTORS);
      await sleep(1_000);
      const from = now();
      const cpuFrom = await sampleCpu(pids, monitor);
      await sleep(BASELINE_MS);
      const to = now();
      const cpuTo = await sampleCpu(pids, monitor);
      await load.stop();
      return { run: load.run, from, to, cpu: cpuBetween(cpuFrom, cpuTo) };
    };

    const before = await baselineWindow('before');

    progress(`pledges: ${CONTRIBUTORS} contributors, ${WARMUP_MS} ms warm-up, ${MEASURE_MS} ms measured`);
    const cpuAtStart = await sampleCpu(pids, monitor);
    const load = startPledgeLoad({
      gatewayUrl: stack.gatewayUrl,
      stripe: stack.stripe,
      campaignId,
      contributors: accounts,
      backlog: BACKLOG,
      pollMs: POLL_MS,
    });
    await sleep(WARMUP_MS);
    const from = now();
    const fromUs = process.hrtime.bigint() / 1000n;
    const cpuFrom = await sampleCpu(pids, monitor);
    const backlogWaitBefore = load.run.backlogWaitMs;
    await sleep(MEASURE_MS);
    const to = now();
    const cpuTo = await sampleCpu(pids, monitor);
    const backlogWaitMs = load.run.backlogWaitMs - backlogWaitBefore;
    const profileDir = process.env['BENCH_PROFILE_DIR'];
    // The pledge window on the monotonic clock V8's profiles use, for profile-summary.ts.
    if (profileDir) await mkdir(profileDir, { recursive: true });
    if (profileDir)
      await writeFile(
        join(profileDir, 'window.json'),
        JSON.stringify({ fromUs: String(fromUs), toUs: String(process.hrtime.bigint() / 1000n) }),
      );
    await load.stop();
    progress('waiting until every confirmed pledge is in the campaign total');
    const drained = await load.drained(60_000);
    const drainedAt = now();
    const cpuDrained = await sampleCpu(pids, monitor);

    progress(`the watcher alone for ${WATCHER_ALONE_MS} ms: what reading the campaign page costs`);
    const alone = startPledgeLoad({ ...load.options, contributors: [] });
    const aloneFrom = await sampleCpu(pids, monitor);
    await sleep(WATCHER_ALONE_MS);
    const aloneCpu = cpuBetween(aloneFrom, await sampleCpu(pids, monitor));
    await alone.drained(0);
    // Less what the stack burns idle (relays' and consumers' polls), as during the first baseline window.
    const elanSeconds = (window: CpuWindow): number =>
      window.used.filter(([name]) => ELAN(name)).reduce((sum, [, seconds]) => sum + seconds, 0);
    const idlePerS = elanSeconds(before.cpu) / before.cpu.wallSeconds;
    const watcherMsPerRead =
      (Math.max(0, elanSeconds(aloneCpu) - idlePerS * aloneCpu.wallSeconds) * 1000) / Math.max(1, alone.run.watcherReads);

    const after = await baselineWindow('after');

    // The figures.
    const run = load.run;
    const windowCpu = cpuBetween(cpuFrom, cpuTo);
    // Every pledge's whole path, from the first POST until the last one is in the total.
    const pledgeCpu = cpuBetween(cpuAtStart, cpuDrained);
    const pledges = run.confirmed.length;
    const measureS = (to - from) / 1000;
    const committed = visibleCountAt(run, to) - visibleCountAt(run, from);
    const pledgesPerS = committed / measureS;
    const inWindow = run.confirmed
      .map((record, k) => ({ record, k }))
      .filter(({ record }) => record.start >= from && record.start < to);
    const visible = visibleAt(run);
    const acceptMs = inWindow.map(({ record }) => record.accepted - record.start);
    const confirmMs = inWindow.map(({ record }) => record.confirmed - record.accepted);
    const visibleMs = inWindow.map(({ record, k }) => (visible[k] ?? Number.NaN) - record.start);
    const afterConfirmMs = inWindow.map(({ record, k }) => (visible[k] ?? Number.NaN) - record.confirmed);
    const placedPerS = inWindow.length / measureS;

    const baselineAnswered = [before, after].flatMap(({ run: baseline, from: f, to: t }) =>
      baseline.answered.filter(([start, end]) => start >= f && end <= t),
    );
    const baselineS = [before, after].reduce((sum, window) => sum + (window.to - window.from) / 1000, 0);
    const baselinePerS = baselineAnswered.length / baselineS;
    const baselineLatency = baselineAnswered.map(([start, end]) => end - start);

    const elanCpuS = pledgeCpu.used.filter(([name]) => ELAN(name)).reduce((sum, [, s]) => sum + s, 0);
    const allCpuS = pledgeCpu.used.reduce((sum, [, s]) => sum + s, 0);
    const cpuMsPerPledge = pledges > 0 ? (elanCpuS * 1000) / pledges : Number.NaN;
    const bareCpuS = [before, after]
      .flatMap((window) => window.cpu.used)
      .filter(([name]) => name === 'bare endpoint' || name === 'postgres (elan-bench-bare)')
      .reduce((sum, [, s]) => sum + s, 0);

    // Final check: the page's total is every confirmed pledge, to the cent.
    const finalCount = run.visible[run.visible.length - 1]?.[1] ?? 0;

    console.log(
      `\nPledges on a keep-it-all campaign, ${CONTRIBUTORS} contributors, ${round(measureS)} s measured after ${WARMUP_MS / 1000} s warm-up\n`,
    );
    console.log('| load | per s | p50 ms | p99 ms | max ms |');
    console.log('|---|---|---|---|---|');
    const row = (name: string, perS: number, values: number[]): void =>
      console.log(
        `| ${name} | ${perS > 0 ? round(perS) : ''} | ${round(percentile(values, 0.5))} | ${round(percentile(values, 0.99))} | ${round(Math.max(...values))} |`,
      );
    row('baseline: bare NestJS POST, one INSERT (201)', baselinePerS, baselineLatency);
    row('pledge: POST → 201', placedPerS, acceptMs);
    row('pledge: 201 → emulator confirmed', 0, confirmMs);
    row('pledge: confirmed → visible in the total', 0, afterConfirmMs);
    row('pledge: POST → visible in the total (committed/s)', pledgesPerS, visibleMs);
    console.log(
      `\npledges placed and confirmed in the window: ${inWindow.length}; committed into the total in the window: ${committed}` +
        `; contributors waited ${round(backlogWaitMs / 1000 / CONTRIBUTORS, 2)} s each (of ${round(measureS)}) with ${BACKLOG} confirmed pledges not yet visible`,
    );
    console.log(
      `after the load: ${run.confirmed.length} pledges confirmed, the total holds ${finalCount} × ${PLEDGE_MINOR_UNITS / 100} € ` +
        `(${drained ? 'all' : 'NOT all'}, ${round((drainedAt - to) / 1000, 2)} s after the load stopped); failures: ${JSON.stringify(run.failures)}` +
        `; baseline failures: ${JSON.stringify({ ...before.run.failures, ...after.run.failures })}`,
    );

    const perPledge = (seconds: number): number => round((seconds * 1000) / pledges, 2);
    const busy = (seconds: number, window: CpuWindow): number => round(seconds / window.wallSeconds, 2);
    const inMeasure = new Map(windowCpu.used);
    console.log(
      `\nCPU from the first pledge until the last one was in the total (${round(pledgeCpu.wallSeconds)} s, ${pledges} pledges; ` +
        `CPUs busy also in the ${round(windowCpu.wallSeconds)} s window)\n`,
    );
    console.log('| process | CPU s | ms per pledge | CPUs busy | CPUs busy in the window |');
    console.log('|---|---|---|---|---|');
    for (const [name, seconds] of pledgeCpu.used)
      console.log(
        `| ${name}${ELAN(name) ? '' : ' *'} | ${round(seconds, 2)} | ${perPledge(seconds)} | ${busy(seconds, pledgeCpu)} | ${busy(inMeasure.get(name) ?? 0, windowCpu)} |`,
      );
    const windowSum = (names: (name: string) => boolean): number =>
      windowCpu.used.filter(([name]) => names(name)).reduce((sum, [, seconds]) => sum + seconds, 0);
    console.log(
      `| **Élan (no \\*)** | ${round(elanCpuS, 2)} | ${round(cpuMsPerPledge, 2)} | ${busy(elanCpuS, pledgeCpu)} | ${busy(windowSum(ELAN), windowCpu)} |`,
    );
    console.log(
      `| **whole run** | ${round(allCpuS, 2)} | ${perPledge(allCpuS)} | ${busy(allCpuS, pledgeCpu)} | ${busy(
        windowSum(() => true),
        windowCpu,
      )} |`,
    );
    console.log(
      `\n\\* not Élan: the Stripe emulator, the load generator (contributors' browsers and the watcher), the bare endpoint. ` +
        `Machine: ${windowCpu.machineBusy === null ? 'n/a' : busy(windowCpu.machineBusy, windowCpu)} CPUs busy of ${cpus().length} in the window.`,
    );
    const readsPerPledge = run.watcherReads / pledges;
    console.log(
      `of which the watcher's reads of the campaign page: about ${round(readsPerPledge * watcherMsPerRead, 2)} ms per pledge ` +
        `(${round(readsPerPledge, 2)} reads per pledge × ${round(watcherMsPerRead, 2)} ms of Élan CPU per read, measured alone, ` +
        `less the ${round(idlePerS * 1000)} ms/s the stack burns idle)`,
    );
    console.log(
      `with no pledges (during the first baseline window) Élan burns ${round(idlePerS * 1000)} ms of CPU per second: ` +
        before.cpu.used
          .filter(([name]) => ELAN(name))
          .map(([name, seconds]) => `${name} ${round((seconds * 1000) / before.cpu.wallSeconds)}`)
          .join(', '),
    );
    const db = pledgeCpu.database;
    console.log(
      `PostgreSQL per pledge: ${round(db.commits / pledges)} transactions, ${round(db.inserted / pledges)} rows inserted, ` +
        `${round(db.updated / pledges)} rows updated (the run's database, relays' and consumers' idle polls included)`,
    );
    console.log(
      `baseline: ${round((bareCpuS * 1000) / Math.max(1, baselineAnswered.length), 3)} ms CPU per INSERT (bare endpoint + its backends)`,
    );
    console.log(`events recorded per pledge, by service:`);
    for (const [service, schema, type] of [
      ['gateway', 'bench_gateway', "'StripeEventReceived ' || (data->>'type')"],
      ['pledge', 'bench_pledge', 'type'],
      ['tipping', 'bench_tipping', 'type'],
      ['campaign', 'bench_campaign', 'type'],
    ] as const) {
      const { rows } = await monitor.query<{ type: string; n: string }>(
        `SELECT ${type} AS type, count(*) AS n FROM ${schema}.events GROUP BY 1 ORDER BY 2 DESC`,
      );
      const counts = rows
        .filter(({ n }) => Number(n) >= pledges / 10)
        .map(({ type: t, n }) => `${t} ${round(Number(n) / pledges, 2)}`);
      console.log(`  ${service}: ${counts.join(', ') || 'none'}`);
    }
    const vsBare = pledgesPerS / baselinePerS;
    console.log(
      `\ntargets: ≥ ${TARGET_PER_S} committed pledges/s — ${pledgesPerS >= TARGET_PER_S ? 'met' : 'NOT met'} (${round(pledgesPerS)}); ` +
        `vs_bare ≥ ${TARGET_VS_BARE} — ${vsBare >= TARGET_VS_BARE ? 'met' : 'NOT met'} (${round(vsBare, 3)})`,
    );
    console.log(`wall time ${round((now() - wallStart) / 1000)} s\n`);
    console.log(
      JSON.stringify({
        bench: 'pledge',
        results: {
          pledges_per_s: round(pledgesPerS),
          accept_p50_ms: round(percentile(acceptMs, 0.5)),
          accept_p99_ms: round(percentile(acceptMs, 0.99)),
          visible_p99_ms: round(percentile(visibleMs, 0.99)),
          baseline_per_s: round(baselinePerS),
          cpu_ms_per_pledge: round(cpuMsPerPledge, 2),
        },
        ratios: { vs_bare: round(vsBare, 3) },
      }),
    );
  } finally {
    for (const stop of stops) await stop().catch((error: unknown) => progress(`stopping: ${String(error)}`));
    await monitor.end();
    if (process.env['BENCH_KEEP_DATABASE'] === '1') progress(`kept database ${database.name}`);
    else await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
