/**
 * Web benchmark (issue #12, part 4): the campaign page and the catalog of `services/web`, against
 * a floor — a bare `node:http` server building the same page from the same API replies — in one
 * run, both reading a recorded API over HTTP. Weight of a campaign page (HTML + CSS, no script),
 * pages per second at saturation, p95 latency at half that rate. See bench/web/README.md.
 *
 *   npm run bench:web [-- --concurrency=1,4,16,64 --rounds=2 --warmup-ms=1000 --measure-ms=3000 --half-load-ms=8000]
 */
import { Agent } from 'node:http';
import { cpus } from 'node:os';
import { freePort } from '@elan/testing';
import { machineBusySeconds, processCpuSeconds } from '../messaging/cpu';
import { now, percentile } from '../pledge/http';
import { firstMessage, startNode, type Started } from '../pledge/processes';
import { closedLoop, get, mergeWindows, openLoop, type Window } from './load';
import { CAMPAIGN_ID } from './recorded-replies';

const given = (name: string, variable: string): string | undefined =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? process.env[variable];
const option = (name: string, variable: string, fallback: number): number => {
  const value = given(name, variable);
  return value === undefined || value === '' ? fallback : Number(value);
};
const CONCURRENCY = (given('concurrency', 'BENCH_CONCURRENCY') ?? '1,4,16,64').split(',').map(Number);
const WARMUP_MS = option('warmup-ms', 'BENCH_WARMUP_MS', 1_000);
const MEASURE_MS = option('measure-ms', 'BENCH_MEASURE_MS', 3_000);
const HALF_LOAD_MS = option('half-load-ms', 'BENCH_HALF_LOAD_MS', 8_000);
/** The sweep runs this many times, interleaved; each concurrency's rate is over all of them (a lucky window weighs less). */
const ROUNDS = option('rounds', 'BENCH_ROUNDS', 2);

/** Issue #12's targets. */
const PAGE_BUDGET_KB = 50;
const TARGET_VS_FLOOR = 0.5;
const TARGET_P95_MS = 100;

const progress = (line: string): void => void process.stderr.write(`  ${line}\n`);
const round = (value: number, digits = 1): number => Math.round(value * 10 ** digits) / 10 ** digits;
const kb = (bytes: number): number => bytes / 1024;

interface Target {
  readonly name: string;
  readonly url: URL;
}

/** A page answered 200 with no script at all, or the bench stops: a fast wrong page proves nothing. */
const fetchPage = async (target: Target, agent: Agent): Promise<string> => {
  const answer = await get(target.url, agent);
  if (answer.status !== 200) throw new Error(`${target.name}: ${target.url} answered ${answer.status}`);
  if (/<script\b/i.test(answer.body)) throw new Error(`${target.name}: ${target.url} holds a <script>`);
  return answer.body;
};

interface Saturation {
  readonly perS: number;
  readonly clients: number;
  readonly windows: ReadonlyArray<readonly [number, Window]>;
  /** CPU ms per page answered over every concurrency, the page's server and the API apart. */
  readonly cpuMsPerPage: { readonly server: number; readonly api: number };
}

/** CPU seconds used by a process (null where /proc cannot tell), and by the whole machine. */
const cpuOf = async (pids: { server: number | undefined; api: number | undefined }) => ({
  server: await processCpuSeconds(pids.server),
  api: await processCpuSeconds(pids.api),
  machine: await machineBusySeconds(),
});
type CpuReading = Awaited<ReturnType<typeof cpuOf>>;
const spent = (from: CpuReading, to: CpuReading, part: keyof CpuReading): number =>
  from[part] === null || to[part] === null ? Number.NaN : (to[part] as number) - (from[part] as number);

async function main(): Promise<void> {
  const wallStart = now();
  const started: Started[] = [];
  try {
    const [apiPort, webPort, floorPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    progress('starting the recorded API, the web (services/web/src/main.ts) and the floor, each a process');
    const env = { ...process.env, NODE_ENV: 'production' };
    const api = startNode('recorded API', 'bench/web/recorded-api.ts', { ...env, PORT: String(apiPort) }, true);
    started.push(api);
    await firstMessage(api, (message) => (message === 'ready' ? true : undefined));
    const web = startNode(
      'web',
      'services/web/src/main.ts',
      { ...env, WEB_PORT: String(webPort), HOST: '127.0.0.1', ELAN_API_URL: apiUrl },
      true,
    );
    const floor = startNode('floor', 'bench/web/floor.ts', { ...env, PORT: String(floorPort), API_URL: apiUrl }, true);
    started.push(web, floor);
    await Promise.all([web, floor].map((child) => firstMessage(child, (message) => (message === 'ready' ? true : undefined))));

    const webOrigin = `http://127.0.0.1:${webPort}`;
    const floorOrigin = `http://127.0.0.1:${floorPort}`;
    const targets = {
      campaign: { name: 'web: campaign page', url: new URL(`/fr/campaigns/${CAMPAIGN_ID}`, webOrigin) },
      floorCampaign: { name: 'floor: campaign page', url: new URL(`/fr/campaigns/${CAMPAIGN_ID}`, floorOrigin) },
      catalog: { name: 'web: catalog', url: new URL('/fr/', webOrigin) },
      floorCatalog: { name: 'floor: catalog', url: new URL('/fr/', floorOrigin) },
    } satisfies Record<string, Target>;

    // The weight: the campaign page and the one stylesheet it links, as a first visit downloads them.
    const agent = new Agent({ keepAlive: true });
    const campaignHtml = await fetchPage(targets.campaign, agent);
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(campaignHtml)?.[1];
    if (stylesheet === undefined) throw new Error('the campaign page links no stylesheet');
    const css = await get(new URL(stylesheet, webOrigin), agent);
    if (css.status !== 200) throw new Error(`${stylesheet} answered ${css.status}`);
    const htmlBytes = Buffer.byteLength(campaignHtml);
    const cssBytes = Buffer.byteLength(css.body);
    const pageKb = kb(htmlBytes + cssBytes);
    const sizes = {
      catalog: Buffer.byteLength(await fetchPage(targets.catalog, agent)),
      floorCampaign: Buffer.byteLength(await fetchPage(targets.floorCampaign, agent)),
      floorCatalog: Buffer.byteLength(await fetchPage(targets.floorCatalog, agent)),
    };
    agent.destroy();

    // Saturation: each page at each concurrency, the pages interleaved so drift on a shared machine hits all alike.
    const saturation = new Map<Target, Map<number, Window>>();
    const cpu = new Map<Target, { server: number; api: number; pages: number }>();
    const serverOf = (target: Target): Started => (target.url.origin === webOrigin ? web : floor);
    let machineBusy = 0;
    let oursBusy = 0;
    const sweepStart = now();
    const generatorFrom = process.cpuUsage();
    for (let pass = 1; pass <= ROUNDS; pass++)
      for (const clients of CONCURRENCY)
        for (const target of Object.values(targets)) {
          progress(
            `round ${pass}/${ROUNDS}, ${target.name}: ${clients} clients, ${WARMUP_MS} ms warm-up, ${MEASURE_MS} ms measured`,
          );
          const pids = { server: serverOf(target).pid, api: api.pid };
          const before = await cpuOf(pids);
          const window = await closedLoop(target.url, clients, WARMUP_MS, MEASURE_MS);
          const after = await cpuOf(pids);
          const byClients = saturation.get(target) ?? new Map<number, Window>();
          const earlier = byClients.get(clients);
          byClients.set(clients, earlier === undefined ? window : mergeWindows(earlier, window));
          saturation.set(target, byClients);
          const sum = cpu.get(target) ?? { server: 0, api: 0, pages: 0 };
          cpu.set(target, {
            server: sum.server + spent(before, after, 'server'),
            api: sum.api + spent(before, after, 'api'),
            pages: sum.pages + window.answered,
          });
          machineBusy += spent(before, after, 'machine');
          oursBusy += spent(before, after, 'server') + spent(before, after, 'api');
        }
    const generator = process.cpuUsage(generatorFrom);
    oursBusy += (generator.user + generator.system) / 1e6;
    const sweepSeconds = (now() - sweepStart) / 1000;
    const saturated = (target: Target): Saturation => {
      const windows = [...(saturation.get(target) ?? new Map<number, Window>())];
      const best = windows.reduce<readonly [number, Window] | undefined>(
        (top, entry) => (top === undefined || entry[1].ok / entry[1].seconds > top[1].ok / top[1].seconds ? entry : top),
        undefined,
      );
      const used = cpu.get(target) ?? { server: Number.NaN, api: Number.NaN, pages: 0 };
      return {
        perS: best === undefined ? 0 : best[1].ok / best[1].seconds,
        clients: best?.[0] ?? 0,
        windows,
        cpuMsPerPage: { server: (used.server * 1000) / used.pages, api: (used.api * 1000) / used.pages },
      };
    };
    const sat = {
      campaign: saturated(targets.campaign),
      floorCampaign: saturated(targets.floorCampaign),
      catalog: saturated(targets.catalog),
      floorCatalog: saturated(targets.floorCatalog),
    };

    // Half load: each web page, and the floor's campaign page for comparison, at half its own saturating rate.
    const halfLoad = async (target: Target, perS: number): Promise<Window> => {
      progress(`${target.name}: open loop at ${round(perS / 2)} pages/s, ${WARMUP_MS} ms warm-up, ${HALF_LOAD_MS} ms measured`);
      return openLoop(target.url, perS / 2, WARMUP_MS, HALF_LOAD_MS);
    };
    const half = {
      campaign: await halfLoad(targets.campaign, sat.campaign.perS),
      catalog: await halfLoad(targets.catalog, sat.catalog.perS),
      floorCampaign: await halfLoad(targets.floorCampaign, sat.floorCampaign.perS),
    };

    console.log(
      `\nWeb pages (services/web) against the floor (bare node:http + fetch + string concatenation), both reading the same ` +
        `recorded API over HTTP; ${cpus().length} CPUs, shared by the load generator, the API, the web and the floor\n`,
    );
    console.log(
      `campaign page: ${round(kb(htmlBytes))} KB of HTML + ${round(kb(cssBytes))} KB of CSS (${stylesheet}) = ${round(pageKb)} KB ` +
        `(budget ${PAGE_BUDGET_KB} KB), no <script>; catalog ${round(kb(sizes.catalog))} KB of HTML. ` +
        `Floor: campaign ${round(kb(sizes.floorCampaign))} KB, catalog ${round(kb(sizes.floorCatalog))} KB of HTML\n`,
    );
    console.log(
      `pages/s by concurrent clients (closed loop, ${ROUNDS} × ${MEASURE_MS} ms each after ${WARMUP_MS} ms, rounds interleaved)\n`,
    );
    console.log(
      `| page | ${CONCURRENCY.map((clients) => `${clients} clients`).join(' | ')} | saturation | p50 ms at it | CPU ms per page: server + API | failures |`,
    );
    console.log(`|---|${CONCURRENCY.map(() => '---|').join('')}---|---|---|---|`);
    for (const [key, target] of Object.entries(targets) as Array<[keyof typeof sat, Target]>) {
      const s = sat[key];
      const at = s.windows.find(([clients]) => clients === s.clients)?.[1];
      const failures = s.windows.reduce((sum, [, w]) => sum + Object.values(w.failures).reduce((a, b) => a + b, 0), 0);
      console.log(
        `| ${target.name} | ${s.windows.map(([, w]) => round(w.ok / w.seconds)).join(' | ')} | ${round(s.perS)} (${s.clients} clients) | ` +
          `${round(percentile(at?.latencies ?? [], 0.5), 2)} | ${round(s.cpuMsPerPage.server, 2)} + ${round(s.cpuMsPerPage.api, 2)} | ${failures} |`,
      );
    }
    console.log(
      `\nmachine: ${round(machineBusy / sweepSeconds, 2)} CPUs busy of ${cpus().length} on average during the sweep, ` +
        `${round(oursBusy / sweepSeconds, 2)} of them this run's (the server under test, the API, the load generator): ` +
        `the rest went to other work on the machine`,
    );
    const othersBusy = machineBusy / sweepSeconds - oursBusy / sweepSeconds;
    if (othersBusy > 0.25)
      console.log(
        `WARNING: other work took ${round(othersBusy, 2)} CPUs during the sweep: the rates and latencies below say more ` +
          `about the machine than about the web; CPU per page (and vs_floor_cpu) holds better`,
      );
    console.log(`\nlatency at half the saturating rate (open loop, ${HALF_LOAD_MS} ms, from when each request was due)\n`);
    console.log('| page | pages/s offered | answered/s | p50 ms | p95 ms | p99 ms | max ms | failures |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const [name, window, perS] of [
      [targets.campaign.name, half.campaign, sat.campaign.perS],
      [targets.catalog.name, half.catalog, sat.catalog.perS],
      [targets.floorCampaign.name, half.floorCampaign, sat.floorCampaign.perS],
    ] as const)
      console.log(
        `| ${name} | ${round(perS / 2)} | ${round(window.ok / window.seconds)} | ${round(percentile(window.latencies, 0.5), 2)} | ` +
          `${round(percentile(window.latencies, 0.95), 2)} | ${round(percentile(window.latencies, 0.99), 2)} | ` +
          `${round(Math.max(...window.latencies), 2)} | ${JSON.stringify(window.failures)} |`,
      );

    const vsFloor = sat.campaign.perS / sat.floorCampaign.perS;
    const catalogVsFloor = sat.catalog.perS / sat.floorCatalog.perS;
    // Pages per CPU second, the web's over the floor's (server and API): the throughput ratio when CPU-bound.
    const cpuPerPage = (s: Saturation): number => s.cpuMsPerPage.server + s.cpuMsPerPage.api;
    const vsFloorCpu = cpuPerPage(sat.floorCampaign) / cpuPerPage(sat.campaign);
    const pageP95 = percentile(half.campaign.latencies, 0.95);
    const catalogP95 = percentile(half.catalog.latencies, 0.95);
    const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
    console.log(
      `\ntargets: campaign page ≤ ${PAGE_BUDGET_KB} KB — ${verdict(pageKb <= PAGE_BUDGET_KB)} (${round(pageKb)}); ` +
        `pages/s ≥ ${TARGET_VS_FLOOR} × the floor — campaign ${verdict(vsFloor >= TARGET_VS_FLOOR)} (${round(vsFloor, 3)}), ` +
        `catalog ${verdict(catalogVsFloor >= TARGET_VS_FLOOR)} (${round(catalogVsFloor, 3)}); by CPU per page ` +
        `${verdict(vsFloorCpu >= TARGET_VS_FLOOR)} (${round(vsFloorCpu, 3)}); ` +
        `p95 at half load < ${TARGET_P95_MS} ms — campaign ${verdict(pageP95 < TARGET_P95_MS)} (${round(pageP95, 2)}), ` +
        `catalog ${verdict(catalogP95 < TARGET_P95_MS)} (${round(catalogP95, 2)})`,
    );
    console.log(`wall time ${round((now() - wallStart) / 1000)} s\n`);
    console.log(
      JSON.stringify({
        bench: 'web',
        results: {
          page_kb: round(pageKb),
          pages_per_s: round(sat.campaign.perS),
          floor_pages_per_s: round(sat.floorCampaign.perS),
          page_p95_half_load_ms: round(pageP95, 2),
          catalog_p95_half_load_ms: round(catalogP95, 2),
          catalog_pages_per_s: round(sat.catalog.perS),
          floor_catalog_pages_per_s: round(sat.floorCatalog.perS),
          page_cpu_ms: round(sat.campaign.cpuMsPerPage.server, 2),
          floor_page_cpu_ms: round(sat.floorCampaign.cpuMsPerPage.server, 2),
        },
        ratios: {
          vs_floor: round(vsFloor, 3),
          catalog_vs_floor: round(catalogVsFloor, 3),
          vs_floor_cpu: round(vsFloorCpu, 3),
        },
      }),
    );
  } finally {
    for (const child of started.reverse()) await child.stop().catch((error: unknown) => progress(`stopping: ${String(error)}`));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
