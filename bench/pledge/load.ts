/**
 * The two loads. Pledges: each contributor, in a loop, places a pledge through the gateway (the
 * 201), then confirms its PaymentIntent with a test card through the official Stripe SDK against
 * the emulator, as Stripe.js does on the contributor's page; the emulator's webhook, the commit
 * and the campaign's read model follow on their own. One watcher polls the campaign page and
 * records when its committed total rises. Baseline: the same contributors POST to the bare
 * endpoint.
 */
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { call, now, sleep } from './http';
import type { Account } from './setup';

/** Every pledge is the same amount, so the committed total counts the pledges it holds. */
export const PLEDGE_MINOR_UNITS = 1_000;
const TIP_MINOR_UNITS = 100;

export interface PledgeRecord {
  /** When the contributor sent the pledge (ms, this process's clock). */
  readonly start: number;
  /** When the 201 arrived. */
  readonly accepted: number;
  /** When the emulator answered the confirmation. */
  readonly confirmed: number;
}

export interface PledgeRun {
  /** Confirmed pledges, in the order their confirmation returned. */
  readonly confirmed: PledgeRecord[];
  /** The campaign's committed total, in pledges, as the watcher saw it: [time, count]. */
  readonly visible: Array<readonly [number, number]>;
  /** Refusals and failures, by what happened (`place 409`, `confirm error`…). */
  readonly failures: Record<string, number>;
  /** Milliseconds contributors spent waiting because the backlog was at its cap. */
  backlogWaitMs: number;
  /** Campaign pages the watcher read. */
  watcherReads: number;
}

export interface PledgeLoadOptions {
  readonly gatewayUrl: string;
  readonly stripe: { readonly url: string; readonly secretKey: string };
  readonly campaignId: string;
  readonly contributors: readonly Account[];
  /** Confirmed but not yet visible pledges above which contributors wait. */
  readonly backlog: number;
  /** How often the watcher reads the campaign page. */
  readonly pollMs: number;
}

/** Runs the pledge load until `stop()`; `drained()` then waits until every confirmed pledge is visible. */
export function startPledgeLoad(options: PledgeLoadOptions): {
  readonly run: PledgeRun;
  readonly options: PledgeLoadOptions;
  stop(): Promise<void>;
  drained(timeoutMs: number): Promise<boolean>;
} {
  const run: PledgeRun = { confirmed: [], visible: [[now(), 0]], failures: {}, backlogWaitMs: 0, watcherReads: 0 };
  const url = new URL(options.stripe.url);
  const stripe = new Stripe(options.stripe.secretKey, {
    host: url.hostname,
    port: Number(url.port),
    protocol: url.protocol === 'https:' ? 'https' : 'http',
  });
  let running = true;
  let watching = true;
  const fail = (what: string): void => void (run.failures[what] = (run.failures[what] ?? 0) + 1);
  const visibleCount = (): number => run.visible[run.visible.length - 1]?.[1] ?? 0;

  const contributor = async (account: Account): Promise<void> => {
    while (running) {
      if (run.confirmed.length - visibleCount() >= options.backlog) {
        const waitStart = now();
        await sleep(5);
        run.backlogWaitMs += now() - waitStart;
        continue;
      }
      const start = now();
      try {
        const placed = await call<{ payment?: { intentId: string } }>(
          options.gatewayUrl,
          'POST',
          `/api/campaigns/${options.campaignId}/pledges`,
          {
            token: account.token,
            headers: { 'idempotency-key': randomUUID() },
            body: { amount: eur(PLEDGE_MINOR_UNITS), tip: eur(TIP_MINOR_UNITS), showName: true },
          },
        );
        const accepted = now();
        if (placed.status !== 201 || !placed.body.payment) {
          fail(`place ${placed.status}`);
          await sleep(50);
          continue;
        }
        const intent = await stripe.paymentIntents.confirm(placed.body.payment.intentId, { payment_method: 'pm_card_visa' });
        if (intent.status !== 'succeeded') fail(`confirm ${intent.status}`);
        else run.confirmed.push({ start, accepted, confirmed: now() });
      } catch (error) {
        fail(`error ${error instanceof Error ? error.message.slice(0, 80) : String(error)}`);
        await sleep(50);
      }
    }
  };

  const watcher = async (): Promise<void> => {
    while (watching) {
      const asked = now();
      try {
        const page = await call<{ committed?: { amount: number } }>(
          options.gatewayUrl,
          'GET',
          `/api/campaigns/${options.campaignId}`,
        );
        run.watcherReads++;
        const count = Math.trunc((page.body.committed?.amount ?? 0) / PLEDGE_MINOR_UNITS);
        if (page.status === 200 && count > visibleCount()) run.visible.push([now(), count]);
      } catch {
        fail('watcher error');
      }
      await sleep(Math.max(0, options.pollMs - (now() - asked)));
    }
  };

  const contributors = Promise.all(options.contributors.map(contributor));
  const watching$ = watcher();
  return {
    run,
    options,
    stop: async () => {
      running = false;
      await contributors;
    },
    drained: async (timeoutMs) => {
      const deadline = now() + timeoutMs;
      while (visibleCount() < run.confirmed.length && now() < deadline) await sleep(options.pollMs);
      watching = false;
      await watching$;
      return visibleCount() >= run.confirmed.length;
    },
  };
}

/**
 * When each confirmed pledge became visible. The page gives a count, not which pledges it holds,
 * so pledges are taken as visible in the order their confirmation returned: the k-th confirmed
 * is visible at the first sample whose count reaches k.
 */
export function visibleAt(run: PledgeRun): number[] {
  const times: number[] = [];
  let sample = 0;
  for (let k = 1; k <= run.confirmed.length; k++) {
    while (sample < run.visible.length && (run.visible[sample]?.[1] ?? 0) < k) sample++;
    times.push(run.visible[sample]?.[0] ?? Number.NaN);
  }
  return times;
}

/** The count the watcher had seen at `time`. */
export function visibleCountAt(run: PledgeRun, time: number): number {
  let count = 0;
  for (const [at, seen] of run.visible) {
    if (at > time) break;
    count = seen;
  }
  return count;
}

export interface BaselineRun {
  /** [start, end] of every 201. */
  readonly answered: Array<readonly [number, number]>;
  readonly failures: Record<string, number>;
}

/** The same contributors POST a pledge-sized body to the bare endpoint, until `stop()`. */
export function startBaselineLoad(origin: string, contributors: number): { readonly run: BaselineRun; stop(): Promise<void> } {
  const run: BaselineRun = { answered: [], failures: {} };
  let running = true;
  const body = { amount: eur(PLEDGE_MINOR_UNITS), tip: eur(TIP_MINOR_UNITS), showName: true };
  const loop = async (): Promise<void> => {
    while (running) {
      const start = now();
      try {
        const answer = await call(origin, 'POST', '/api/bare-pledges', { headers: { 'idempotency-key': randomUUID() }, body });
        if (answer.status === 201) run.answered.push([start, now()]);
        else run.failures[`bare ${answer.status}`] = (run.failures[`bare ${answer.status}`] ?? 0) + 1;
      } catch (error) {
        run.failures[`bare error ${String(error).slice(0, 60)}`] =
          (run.failures[`bare error ${String(error).slice(0, 60)}`] ?? 0) + 1;
        await sleep(50);
      }
    }
  };
  const loops = Promise.all(Array.from({ length: contributors }, loop));
  return {
    run,
    stop: async () => {
      running = false;
      await loops;
    },
  };
}

const eur = (amount: number) => ({ amount, currency: 'EUR' });
