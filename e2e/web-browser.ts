import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AxeResults, Result } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { freePort } from '@elan/testing';
import { Child, REPO_ROOT } from './support/child-process';

/** Debian's chromium (`apt-get install chromium`, as .ci/run does); CHROMIUM_PATH for another one. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The flags this network and a root CI container need: no sandbox, no GPU, no calls home. */
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Where the pages' screenshots go: git-ignored, left in place by .ci/run for people to look at. */
export const SCREENSHOTS = join(REPO_ROOT, 'artifacts', 'screenshots');
/** The widths every page is photographed at: an old phone and a laptop. */
export const WIDTHS = [360, 1280] as const;
/** What RGAA asks for: WCAG 2.1, levels A and AA. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const START_TIMEOUT_MS = 30_000;

export interface RunningWebFront {
  readonly url: string;
  stop(): Promise<void>;
}

/** `services/web/src/main.ts` as deployed, on a free port, reading the API at `apiUrl` (`env` over the test's); resolves once it said 'ready'. */
export async function startWebFront(apiUrl: string, env: NodeJS.ProcessEnv = {}): Promise<RunningWebFront> {
  const port = await freePort();
  const child = Child.start({
    name: 'web',
    command: process.execPath,
    args: ['-r', '@swc-node/register', join(REPO_ROOT, 'services/web/src/main.ts')],
    env: { ...process.env, WEB_PORT: String(port), HOST: '127.0.0.1', ELAN_API_URL: apiUrl, ...env },
    ipc: true,
  });
  const ready = new Promise<void>((done) => child.process.on('message', (message) => message === 'ready' && done()));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`the web did not say 'ready':\n${child.tail()}`)), START_TIMEOUT_MS);
  });
  try {
    await child.unlessItExits(Promise.race([ready, late]));
  } catch (error) {
    await child.stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { url: `http://127.0.0.1:${port}`, stop: async () => void (await child.stop()) };
}

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });

let axeSource: Promise<string> | undefined;

/**
 * axe-core's WCAG 2.1 A and AA rules on the page as it is, each violation as "rule: the nodes".
 * axe is evaluated through the DevTools protocol, which the page's Content-Security-Policy (no
 * script at all) does not block, so the page is checked with its real policy on.
 */
export async function wcagViolations(page: Page): Promise<string[]> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(await axeSource);
  // A string, evaluated in the page: this workspace's TypeScript has no DOM types.
  const results = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_21_AA)} } })`,
  )) as AxeResults;
  return results.violations.map(
    (violation: Result) =>
      `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

/** Full-page screenshots at every width, named `<name>-<width>.png`; the viewport is left at the widest. */
export async function screenshots(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: true });
  }
}

/** Logs in through the web's own form, as a person would, and waits to be back on `next` (a path). */
export async function logInThroughPage(
  page: Page,
  webUrl: string,
  credentials: { readonly email: string; readonly password: string },
  locale: 'fr' | 'en' = 'fr',
  next = `/${locale}/`,
): Promise<void> {
  await page.goto(`${webUrl}/${locale}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel(locale === 'fr' ? 'Adresse e-mail' : 'E-mail address').fill(credentials.email);
  await page.getByLabel(locale === 'fr' ? 'Mot de passe' : 'Password').fill(credentials.password);
  await page.getByRole('button', { name: locale === 'fr' ? 'Se connecter' : 'Log in' }).click();
  await page.waitForURL((url) => url.pathname + url.search === next);
}
