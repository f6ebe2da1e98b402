import type { PledgeCampaign, PledgeView } from './account-views';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const uuid = (n: number): string => `0190c2a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** A committed all-or-nothing pledge of €50.50 and a €5 tip, as its contributor sees it. */
export const aPledge = (overrides: Partial<PledgeView> = {}): PledgeView => ({
  pledgeId: uuid(10),
  campaignId: uuid(1),
  status: 'committed',
  fundingModel: 'all_or_nothing',
  amount: eur(5_050),
  tip: eur(500),
  tierId: uuid(4),
  contributor: { kind: 'account', name: 'Camille Dupré', email: 'camille@example.org', showName: true },
  message: null,
  placedAt: '2026-12-05T12:00:00.000Z',
  committedAt: '2026-12-05T12:00:05.000Z',
  retryUntil: null,
  ...overrides,
});

/** The pledge's campaign: two tiers, the second nearly gone, and a closed one. */
export const itsCampaign = (overrides: Partial<PledgeCampaign> = {}): PledgeCampaign => ({
  title: 'Un four à pain pour le village',
  tiers: [
    { tierId: uuid(3), title: 'Une miche', minimumAmount: eur(2_500), status: 'open' },
    { tierId: uuid(4), title: 'Un panier garni', minimumAmount: eur(5_050), status: 'open' },
    { tierId: uuid(5), title: 'Une fournée entière', minimumAmount: eur(20_000), status: 'closed' },
  ],
  ...overrides,
});

/** A guest's private-link token, of the API's shape. */
export const A_GUEST_TOKEN = 'Zx3_kq9-Abcdefghijklmnopqrstuvwxyz0123456789';
