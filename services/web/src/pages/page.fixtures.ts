import type { CampaignMessagesPage, CampaignView } from '../elan-api';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const uuid = (n: number): string => `0190c2a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** A live campaign as the API answers it, with a fixed clock: two tiers, a stretch goal, an update. */
export const aLiveCampaign = (overrides: Partial<CampaignView> = {}): CampaignView => ({
  campaignId: uuid(1),
  holderId: uuid(2),
  title: 'Un four à pain pour le village',
  summary: 'Un four collectif, cuit au bois, ouvert à tous les habitants.',
  plainLanguageSummary: null,
  story: 'Le four banal est tombé en ruine.\n\nNous voulons le rebâtir.',
  category: 'food',
  imageUrl: 'https://images.example.org/four.jpg',
  departement: '62',
  commune: 'Arras',
  status: 'live',
  fundingModel: 'all_or_nothing',
  goal: eur(500_000),
  committed: eur(125_000),
  raised: eur(0),
  backers: 12,
  percentOfGoal: 25,
  startsAt: '2026-12-01T09:00:00.000Z',
  deadline: '2026-12-31T17:00:00.000Z',
  launchedAt: '2026-12-01T09:00:01.000Z',
  timeLeftSeconds: 12 * 86_400,
  createdAt: '2026-11-20T09:00:00.000Z',
  submittedAt: '2026-11-21T09:00:00.000Z',
  rejectionReason: null,
  pendingImageUrl: null,
  imageRefusal: null,
  approvedAt: '2026-11-22T09:00:00.000Z',
  closedAt: null,
  cancelledAt: null,
  cancellationReason: null,
  tiers: [
    {
      tierId: uuid(3),
      minimumAmount: eur(2_500),
      title: 'Une miche',
      description: 'Une miche de pain de la première fournée.',
      quantityLimit: null,
      unitsTaken: 4,
      remainingUnits: null,
      estimatedDelivery: null,
      status: 'open',
    },
    {
      tierId: uuid(4),
      minimumAmount: eur(5_050),
      title: 'Un panier garni',
      description: 'Pain, confiture et beurre.',
      quantityLimit: 20,
      unitsTaken: 19,
      remainingUnits: 1,
      estimatedDelivery: '2027-03',
      status: 'open',
    },
  ],
  stretchGoals: [{ stretchGoalId: uuid(5), amount: eur(650_000), description: 'Un pétrin mécanique', reached: false }],
  updates: [
    { updateId: uuid(6), title: 'Le maçon est trouvé', body: 'Il commence lundi.', postedAt: '2026-12-10T10:00:00.000Z' },
  ],
  ...overrides,
});

export const someMessages = (count: number, message = 'Bravo, j’ai hâte de goûter le pain !'): CampaignMessagesPage => ({
  items: Array.from({ length: count }, (_, index) => ({
    publicName: index % 2 === 0 ? 'anonymous' : `Camille ${index}`,
    message,
    postedAt: '2026-12-05T12:00:00.000Z',
  })),
  nextCursor: null,
});
