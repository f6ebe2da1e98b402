import { waitUntil } from '@elan/testing';
import { Api } from './support/api';
import { READ_MODEL_LAG_MS, catalog, pageOf } from './support/campaigns';
import { Stack } from './support/stack';

/** The départements of the demo campaigns in scripts/seed.ts. */
const DEMO_DEPARTEMENTS = ['19', '2A', '33', '62', '971'];
const STARTS_IN_SECONDS = 2;

/**
 * `npm run seed` against a running stack, as a newcomer runs it against `npm start`: the demo
 * campaigns appear live in the public catalog moments later, and a second run adds nothing.
 */
describe('npm run seed', () => {
  let stack: Stack;
  let api: Api;

  beforeAll(async () => {
    stack = await Stack.start('seed');
    api = new Api(stack.url);
  });
  afterAll(() => stack?.stop());

  const seed = () => stack.runScript('seed', { ELAN_URL: stack.url, SEED_STARTS_IN_SECONDS: String(STARTS_IN_SECONDS) });

  it('loads demo campaigns in five départements that go live in the catalog', async () => {
    const run = await seed();
    expect([run.code, run.code === 0 ? '' : run.stderr]).toEqual([0, '']);
    expect(run.stdout.match(/created, submitted and approved/g)).toHaveLength(DEMO_DEPARTEMENTS.length);

    const live = await waitUntil(
      async () => {
        const cards = await catalog(api, 'status=live');
        return cards.length === DEMO_DEPARTEMENTS.length ? cards : undefined;
      },
      { timeoutMs: STARTS_IN_SECONDS * 1000 + READ_MODEL_LAG_MS, intervalMs: 200, description: 'every demo campaign is live' },
    );
    expect(live.map((card) => card.departement).sort()).toEqual(DEMO_DEPARTEMENTS);
    expect(live.every((card) => card.timeLeftSeconds !== null && card.timeLeftSeconds > 14 * 24 * 3600)).toBe(true);
    const pages = await Promise.all(live.map((card) => pageOf(api, card.campaignId)));
    expect(pages.filter((page) => page.tiers.length > 0).length).toBeGreaterThanOrEqual(3);
    expect(pages.filter((page) => page.stretchGoals.length > 0).length).toBeGreaterThanOrEqual(2);
  });

  it('adds nothing when run a second time', async () => {
    const run = await seed();

    expect([run.code, run.code === 0 ? '' : run.stderr]).toEqual([0, '']);
    expect(run.stdout.match(/already there \(live\)/g)).toHaveLength(DEMO_DEPARTEMENTS.length);
    expect(await catalog(api)).toHaveLength(DEMO_DEPARTEMENTS.length);
  });
});
