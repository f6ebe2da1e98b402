/**
 * What the load needs on a fresh stack, done through the public API as people do it: a holder
 * drafts a keep-it-all campaign, a moderator (made by the admin) approves it, it goes live; the
 * contributors register and log in.
 */
import { randomBytes } from 'node:crypto';
import { call, expect, sleep } from './http';

export interface Account {
  readonly id: string;
  readonly token: string;
}

const PASSWORD = 'bench password, long enough';

async function register(origin: string, label: string): Promise<Account> {
  const email = `${label}-${randomBytes(4).toString('hex')}@example.org`;
  const { id } = await expect<{ id: string }>(201, origin, 'POST', '/api/auth/register', {
    body: { email, password: PASSWORD, displayName: label },
  });
  return { id, token: await logIn(origin, email, PASSWORD) };
}

async function logIn(origin: string, email: string, password: string): Promise<string> {
  return (await expect<{ accessToken: string }>(200, origin, 'POST', '/api/auth/login', { body: { email, password } }))
    .accessToken;
}

/** `count` contributors, registered `width` at a time (registration hashes a password). */
export async function contributors(origin: string, count: number, width = 8): Promise<Account[]> {
  const accounts: Account[] = [];
  while (accounts.length < count)
    accounts.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(width, count - accounts.length) }, (_, i) =>
          register(origin, `contributor${accounts.length + i}`),
        ),
      )),
    );
  return accounts;
}

const eur = (amount: number) => ({ amount, currency: 'EUR' });

/** A live keep-it-all campaign, open for `lastsMs` from a few seconds from now; answers its id. */
export async function liveKeepItAllCampaign(
  origin: string,
  admin: { readonly email: string; readonly password: string },
  lastsMs: number,
): Promise<string> {
  const adminToken = await logIn(origin, admin.email, admin.password);
  const [holder, moderator] = await Promise.all([register(origin, 'holder'), register(origin, 'moderator')]);
  await expect(200, origin, 'POST', `/api/admin/accounts/${moderator.id}/roles`, {
    token: adminToken,
    body: { add: ['moderator'] },
  });
  const startsAt = Date.now() + 4_000;
  const { campaignId } = await expect<{ campaignId: string }>(201, origin, 'POST', '/api/campaigns', {
    token: holder.token,
    body: {
      title: 'Une ressourcerie pour le quartier',
      summary: 'Un lieu où réparer, donner et revendre les objets du quotidien.',
      story: 'Le local est trouvé ; il faut des établis, des outils et une camionnette pour les collectes.',
      category: 'environment',
      fundingModel: 'keep_it_all',
      location: { departement: '59', commune: 'Roubaix' },
      goal: eur(10_000_000),
      stretchGoals: [],
      startsAt: new Date(startsAt).toISOString(),
      deadline: new Date(startsAt + lastsMs).toISOString(),
    },
  });
  await expect(200, origin, 'POST', `/api/campaigns/${campaignId}/submit`, { token: holder.token });
  await expect(200, origin, 'POST', `/api/campaigns/${campaignId}/approve`, { token: moderator.token });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const page = await call<{ status?: string }>(origin, 'GET', `/api/campaigns/${campaignId}`);
    if (page.status === 200 && page.body.status === 'live') return campaignId;
    if (Date.now() > deadline) throw new Error(`the campaign is not live: ${JSON.stringify(page.body)}`);
    await sleep(100);
  }
}
