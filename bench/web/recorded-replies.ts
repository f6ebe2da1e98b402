/**
 * What the public API answers for one live campaign, its messages of support and one catalog page,
 * in the contracts' reply shapes (`ReplyOf<…>`, and parsed by the contracts' own schemas when the
 * recorded API starts, so a renamed field fails the bench before it measures anything). The sizes
 * are those of a campaign with a real story: a few paragraphs, three tiers, two stretch goals, two
 * updates, the 20 newest messages the page shows; a catalog page of 20 cards.
 */
import { getCampaign, listCampaignMessages, listCampaigns, type ReplyOf } from '@elan/contracts';

export type CampaignReply = ReplyOf<typeof getCampaign>;
export type MessagesReply = ReplyOf<typeof listCampaignMessages>;
export type CatalogReply = ReplyOf<typeof listCampaigns>;

export const CAMPAIGN_ID = '0195f0a0-0000-7000-8000-00000000c001';
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const uuid = (n: number): string => `0195f0a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

const STORY = [
  'Le four banal de Saint-Laurent a cuit le pain du village pendant deux siècles. Depuis la tempête de 2019, sa voûte est fendue et la commune a dû en interdire l’accès. Les anciens se souviennent des fournées du samedi, où chacun apportait sa pâte et repartait avec sa miche encore chaude.',
  'Notre association, Les Amis du four, veut le rebâtir à l’identique, avec des briques réfractaires, de la chaux et le savoir-faire d’un maçon du pays. Le chantier durera quatre mois ; il sera ouvert aux bénévoles chaque samedi, et les écoles viendront voir comment on monte une voûte.',
  'Une fois le four rallumé, il sera ouvert à tous : une fournée collective chaque semaine, des ateliers pour les enfants, et le four prêté aux associations pour leurs fêtes. Le bois viendra de l’élagage des haies de la commune, qui nous le donne.',
  'Le budget : 3 200 € de matériaux, 1 400 € pour le maçon (le reste du travail est bénévole), 400 € pour la porte en fonte et les outils. Si nous dépassons l’objectif, nous achèterons un pétrin mécanique pour les grandes fournées.',
  'Chaque euro versé va au projet : Élan ne prend aucune commission. Merci de faire circuler la campagne autour de vous !',
].join('\n\n');

const card = (n: number, title: string, departement: string, commune: string): CatalogReply['items'][number] => ({
  campaignId: n === 1 ? CAMPAIGN_ID : uuid(1_000 + n),
  holderId: uuid(2_000 + n),
  title,
  plainLanguageSummary: null,
  summary: `${title} : un projet porté par des habitants, ouvert à tous, financé sans commission.`,
  category: n % 3 === 0 ? 'culture' : n % 3 === 1 ? 'food' : 'environment',
  imageUrl: `https://images.example.org/campagnes/${n}.jpg`,
  departement,
  commune,
  status: 'live',
  fundingModel: n % 2 === 0 ? 'keep_it_all' : 'all_or_nothing',
  goal: eur(500_000 + n * 10_000),
  committed: eur(125_000 + n * 7_350),
  raised: eur(0),
  backers: 40 + n,
  percentOfGoal: Math.floor(((125_000 + n * 7_350) * 100) / (500_000 + n * 10_000)),
  startsAt: '2026-12-01T09:00:00.000Z',
  deadline: '2026-12-31T17:00:00.000Z',
  launchedAt: '2026-12-01T09:00:01.000Z',
  timeLeftSeconds: 12 * 86_400 + n * 3_600,
});

const PLACES: readonly [string, string, string][] = [
  ['Un four à pain pour le village', '62', 'Arras'],
  ['La chapelle Saint-Pancrace restaurée', '2A', 'Ajaccio'],
  ['Un jardin partagé au pied des immeubles', '971', 'Les Abymes'],
  ['Le cinéma itinérant du Médoc', '33', 'Lesparre-Médoc'],
  ['Une ressourcerie en Corrèze', '19', 'Tulle'],
];

export const catalogReply: CatalogReply = {
  items: Array.from({ length: 20 }, (_, index) => {
    const [title, departement, commune] = PLACES[index % PLACES.length] ?? PLACES[0] ?? ['', '62', ''];
    return card(index + 1, index < PLACES.length ? title : `${title} (${index + 1})`, departement, commune);
  }),
  nextCursor: 'eyJzb3J0IjoibmV3ZXN0IiwiYWZ0ZXIiOiIwMTk1ZjBhMC0wMDAwLTcwMDAtODAwMC0wMDAwMDAwMDEwMjAifQ',
};

export const campaignReply: CampaignReply = {
  ...card(1, 'Un four à pain pour le village', '62', 'Arras'),
  plainLanguageSummary: null,
  summary: 'Rebâtir le four banal du village, cuit au bois, ouvert à tous les habitants et aux écoles.',
  story: STORY,
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
      description: 'Une miche de pain de la première fournée, à venir chercher au four.',
      quantityLimit: null,
      unitsTaken: 24,
      remainingUnits: null,
      estimatedDelivery: null,
      status: 'open',
    },
    {
      tierId: uuid(4),
      minimumAmount: eur(5_050),
      title: 'Un panier garni',
      description: 'Pain, confiture de la ferme voisine et beurre, le jour de l’inauguration.',
      quantityLimit: 20,
      unitsTaken: 19,
      remainingUnits: 1,
      estimatedDelivery: '2027-03',
      status: 'open',
    },
    {
      tierId: uuid(5),
      minimumAmount: eur(15_000),
      title: 'Une fournée à votre nom',
      description: 'Le four chauffé pour vous et vos amis un samedi, avec le boulanger du village.',
      quantityLimit: 10,
      unitsTaken: 10,
      remainingUnits: 0,
      estimatedDelivery: '2027-05',
      status: 'open',
    },
  ],
  stretchGoals: [
    {
      stretchGoalId: uuid(6),
      amount: eur(650_000),
      description: 'Un pétrin mécanique pour les grandes fournées',
      reached: false,
    },
    { stretchGoalId: uuid(7), amount: eur(800_000), description: 'Un abri en bois pour le bois de chauffe', reached: false },
  ],
  updates: [
    {
      updateId: uuid(8),
      title: 'Le maçon est trouvé',
      body: 'Pierre, qui a restauré le four de Beaumetz, commence lundi.\n\nIl cherche deux bénévoles pour porter les briques.',
      postedAt: '2026-12-10T10:00:00.000Z',
    },
    {
      updateId: uuid(9),
      title: 'Merci pour les cent premiers soutiens',
      body: 'Nous avons passé le quart de l’objectif en une semaine. Merci !',
      postedAt: '2026-12-05T18:00:00.000Z',
    },
  ],
};

export const messagesReply: MessagesReply = {
  items: Array.from({ length: 20 }, (_, index) => ({
    publicName: index % 3 === 0 ? 'anonymous' : `Camille D. ${index}`,
    message:
      index % 2 === 0
        ? 'Bravo, j’ai hâte de goûter le pain !'
        : 'Mes grands-parents y cuisaient leur pain : merci de le faire revivre.',
    postedAt: `2026-12-${String(5 + (index % 20)).padStart(2, '0')}T12:00:00.000Z`,
  })),
  nextCursor: 'eyJhZnRlciI6MjB9',
};

/** The recorded replies, checked against the contracts: the web reads nothing the API would not send. */
export const checkedReplies = (): { campaign: CampaignReply; messages: MessagesReply; catalog: CatalogReply } => ({
  campaign: getCampaign.reply.parse(campaignReply),
  messages: listCampaignMessages.reply.parse(messagesReply),
  catalog: listCampaigns.reply.parse(catalogReply),
});
