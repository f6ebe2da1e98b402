import { readFile } from 'node:fs/promises';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { emulatorForThisFile } from './emulator.fixture';

/** Debian's chromium, as the web's browser test uses (`apt-get install chromium`); CHROMIUM_PATH for another. */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * The emulator's card step in a real browser: the journeys the web's browser tests screen pass
 * through these pages, so they are held to the same axe-core WCAG 2.1 AA rules.
 */
describe('the test-card and 3-D Secure pages in a browser', () => {
  const bed = emulatorForThisFile();
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    page = await browser.newPage();
  });
  afterAll(() => browser?.close());

  const violations = async (): Promise<string[]> => {
    await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const results = (await page.evaluate(
      `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_21_AA)} } })`,
    )) as AxeResults;
    return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(', ')}`);
  };

  it('pays through 3-D Secure with the keyboard-reachable form, every page free of WCAG 2.1 AA violations', async () => {
    const intent = await bed.stripe.paymentIntents.create({ amount: 1_000, currency: 'eur' });
    // The site the browser goes back to: the emulator's own (404) JSON is enough to read the address.
    const returnUrl = `${bed.emulator.url}/back`;
    await page.goto(
      `${bed.emulator.url}/emulator/pay/${intent.id}?${new URLSearchParams({ client_secret: intent.client_secret ?? '', return_url: returnUrl })}`,
    );
    expect(await violations()).toEqual([]);
    await page.getByLabel('4000 0027 6000 3184', { exact: false }).check();
    await page.getByRole('button', { name: 'Pay €10.00' }).click();
    await page.waitForURL(`${bed.emulator.url}/emulator/3ds/${intent.id}`);
    expect(await violations()).toEqual([]);
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.waitForURL((url) => url.pathname === '/back');
    expect(new URL(page.url()).searchParams.get('redirect_status')).toBe('succeeded');
    expect((await bed.stripe.paymentIntents.retrieve(intent.id)).status).toBe('succeeded');
  });

  it('says why it refuses, in a page that is itself accessible', async () => {
    const intent = await bed.stripe.paymentIntents.create({ amount: 1_000, currency: 'eur' });
    const answer = await page.goto(`${bed.emulator.url}/emulator/pay/${intent.id}?client_secret=wrong&return_url=http://x/`);
    expect(answer?.status()).toBe(400);
    expect(await page.getByRole('alert').textContent()).toContain('client secret does not belong');
    expect(await violations()).toEqual([]);
  });
});
