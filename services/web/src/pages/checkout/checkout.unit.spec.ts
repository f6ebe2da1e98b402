import { Logger } from '@nestjs/common';
import type { PledgeView } from '@elan/contracts';
import { htmlDocument } from '../../html';
import { CHECKOUT_ROUTES } from '../../routes/checkout.routes';
import type { WebRequest } from '../../routes/route';
import type { Session } from '../../session/session';
import { campaignPage } from '../campaign.page';
import { aLiveCampaign, someMessages } from '../page.fixtures';
import { pageContext, type PageContext } from '../page-context';
import { CARD_STEP_POLICY, cardStepPage } from './card.page';
import { cardStepLocation, intentIdOf, returnUrlOf } from './card-step';
import { checkoutAmountPage, checkoutDetailsPage } from './checkout.page';
import type { DetailsStep } from './checkout.view';
import { pledgePage, statusInWords } from './pledge.page';
import { paymentConfirmingPage, paymentFailedPage } from './return.page';

const STYLESHEET = '/assets/elan.0123456789ab.css';
const audience = { viewer: null, csrf: () => 'csrf-token' };
const fr = pageContext('fr', '/campaigns/x/pledge', '', STYLESHEET, audience);
const en = pageContext('en', '/campaigns/x/pledge', '', STYLESHEET, audience);
const plain = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');
const textOf = (markup: string): string => plain(markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
const eur = (amount: number) => ({ amount, currency: 'EUR' });

const PLEDGE_ID = '0190c2a0-0000-7000-8000-0000000000aa';
const campaign = aLiveCampaign();

const details = (overrides: Partial<DetailsStep> = {}): DetailsStep => ({
  amount: 1_250,
  currency: 'EUR',
  tierId: '',
  suggestions: {
    currency: 'EUR',
    suggestions: [
      { amount: eur(0), shareBasisPoints: 0 },
      { amount: eur(50), shareBasisPoints: 400 },
      { amount: eur(100), shareBasisPoints: 800 },
      { amount: eur(150), shareBasisPoints: 1_200 },
    ],
    preselected: null,
    explainer: { key: 'tips.explainer.v1', text: 'Tips are the only money Élan takes…' },
  },
  tip: '',
  tipCustom: '',
  name: '',
  email: '',
  showName: false,
  message: '',
  idem: '0190c2a0-0000-7000-8000-0000000000ff',
  contributor: { kind: 'guest' },
  errors: new Map(),
  ...overrides,
});

const aPledge = (overrides: Partial<PledgeView> = {}): PledgeView => ({
  pledgeId: PLEDGE_ID,
  campaignId: campaign.campaignId,
  status: 'committed',
  fundingModel: 'keep_it_all',
  amount: eur(1_250),
  tip: eur(100),
  tierId: null,
  contributor: { kind: 'account', name: 'Camille', email: 'camille@example.org', showName: false },
  message: null,
  placedAt: '2026-12-05T10:00:00.000Z',
  committedAt: '2026-12-05T10:00:05.000Z',
  retryUntil: null,
  ...overrides,
});

describe('the checkout’s first step', () => {
  it('asks for the amount and the tier in a GET form, each tier with its minimum and the units left', () => {
    const markup = checkoutAmountPage(fr, campaign, {
      amountText: '',
      tierId: campaign.tiers[1]?.tierId ?? '',
      errors: new Map(),
    }).markup;
    expect(markup).toMatch(/<form method="get" action="\/fr\/campaigns\/[0-9a-f-]+\/pledge"/);
    expect(markup).not.toContain('name="csrf"');
    expect(markup).toContain('inputmode="decimal"');
    const text = textOf(markup);
    expect(text).toContain('Sans contrepartie');
    expect(text).toContain('Un panier garni — à partir de 50,50 €');
    expect(text).toContain('1 restante sur 20');
    expect(markup).toMatch(new RegExp(`value="${campaign.tiers[1]?.tierId}"\\s+checked`));
    expect(markup.match(/<h1>/g)).toHaveLength(1);
  });

  it('leaves a sold-out or closed tier visible but not choosable', () => {
    const soldOut = aLiveCampaign({
      tiers: campaign.tiers.map((tier, index) => (index === 1 ? { ...tier, remainingUnits: 0, unitsTaken: 20 } : tier)),
    });
    const markup = checkoutAmountPage(en, soldOut, { amountText: '', tierId: '', errors: new Map() }).markup;
    expect(markup).toMatch(new RegExp(`value="${soldOut.tiers[1]?.tierId}"\\s+disabled`));
    expect(textOf(markup)).toContain('Sold out');
  });

  it('shows the errors first, linked to their fields, and keeps what was typed', () => {
    const markup = checkoutAmountPage(fr, campaign, {
      amountText: '12,505',
      tierId: '',
      errors: new Map([['amount', 'Écrivez un montant en euros']]),
    }).markup;
    expect(markup).toContain('role="alert"');
    expect(markup).toContain('href="#f-amount"');
    expect(markup).toContain('value="12,505"');
    expect(markup).toContain('aria-invalid="true"');
  });
});

describe('the checkout’s second step', () => {
  it('offers the tip as an explicit choice: 0 € first, the suggestions beside it, any amount, none chosen', () => {
    const markup = checkoutDetailsPage(fr, campaign, details()).markup;
    const values = [...markup.matchAll(/name="tip"\s+value="([^"]*)"/g)].map((match) => match[1]);
    expect(values).toEqual(['0', '50', '100', '150', 'custom']);
    expect(markup).not.toMatch(/name="tip"\s+value="[^"]*"\s+checked/);
    const text = textOf(markup);
    expect(text).toContain('0 € — pas de pourboire');
    expect(text).toContain('1 € (8 % de votre contribution)');
    expect(text).toContain('100 % de votre contribution va au projet');
    expect(text).toContain('12,50 €');
    expect(markup).toContain('name="csrf" value="csrf-token"');
    expect(markup).toContain('name="idem" value="0190c2a0-0000-7000-8000-0000000000ff"');
    expect(markup).toContain('name="amount" value="1250"');
    // The name shown on the campaign page is off unless the contributor ticks it.
    expect(markup).not.toMatch(/name="showName" value="yes"\s+checked/);
  });

  it('asks a guest for a name and an address, with a link to log in that comes back here', () => {
    const markup = checkoutDetailsPage(en, campaign, details()).markup;
    expect(markup).toContain('name="name"');
    expect(markup).toContain('name="email"');
    expect(markup).toMatch(/href="\/en\/login\?next=%2Fen%2Fcampaigns%2F[0-9a-f-]+%2Fpledge%3Famount%3D12.50%26tier%3D"/);
    expect(textOf(markup)).toContain('Continue to save your card');
  });

  it('names the logged-in contributor’s account instead of asking', () => {
    const markup = checkoutDetailsPage(en, aLiveCampaign({ fundingModel: 'keep_it_all' }), {
      ...details(),
      contributor: { kind: 'account', name: 'Camille' },
    }).markup;
    expect(markup).not.toContain('name="email"');
    expect(textOf(markup)).toContain('You pledge with your account (Camille).');
    expect(textOf(markup)).toContain('Continue to payment');
  });

  it('keeps the choices and shows the refusal when the form comes back', () => {
    const markup = checkoutDetailsPage(fr, campaign, {
      ...details({ tip: 'custom', tipCustom: '2,5', name: 'Camille', showName: true }),
      errors: new Map([['email', 'a guest gives an e-mail address']]),
      general: 'Votre contribution n’a pas été enregistrée.',
    }).markup;
    expect(markup).toMatch(/name="tip"\s+value="custom"\s+checked/);
    expect(markup).toContain('value="2,5"');
    expect(markup).toMatch(/name="showName" value="yes"\s+checked/);
    expect(textOf(markup)).toContain('Votre contribution n’a pas été enregistrée.');
    expect(markup).toContain('href="#f-email"');
  });
});

describe('the card step', () => {
  const returnUrl = returnUrlOf('https://elan.example.org', 'fr', PLEDGE_ID, 'T'.repeat(43));
  const payment = { kind: 'payment', intentId: 'pi_123', clientSecret: 'pi_123_secret_abc' } as const;

  it('returns to the pledge’s return page, with the guest’s token', () => {
    expect(returnUrl).toBe(`https://elan.example.org/fr/pledges/${PLEDGE_ID}/return?token=${'T'.repeat(43)}`);
    // The intent a client secret belongs to, read from the secret itself.
    expect(intentIdOf('seti_9Ab_secret_xyz')).toBe('seti_9Ab');
    expect(intentIdOf('pi_3Qx_secret_Zz9')).toBe('pi_3Qx');
    expect(intentIdOf('pi_3Qx_secret_')).toBeUndefined();
    expect(intentIdOf('ch_1_secret_2')).toBeUndefined();
  });

  it('is the emulator’s test-card page for the intent, or our page with Stripe’s Payment Element', () => {
    const emulator = new URL(
      cardStepLocation({ kind: 'emulator', emulatorUrl: 'http://127.0.0.1:12111' }, 'fr', PLEDGE_ID, payment, returnUrl),
    );
    expect(emulator.origin + emulator.pathname).toBe('http://127.0.0.1:12111/emulator/pay/pi_123');
    expect(emulator.searchParams.get('client_secret')).toBe('pi_123_secret_abc');
    expect(emulator.searchParams.get('return_url')).toBe(returnUrl);
    expect(cardStepLocation({ kind: 'stripe', publishableKey: 'pk_test_1' }, 'en', PLEDGE_ID, payment, returnUrl, 'tok')).toBe(
      `/en/pledges/${PLEDGE_ID}/card?kind=payment&client_secret=pi_123_secret_abc&token=tok`,
    );
  });

  it('with Stripe’s keys, mounts the Payment Element from our hashed script, its settings in data attributes', () => {
    const markup = cardStepPage(en, {
      publishableKey: 'pk_test_1',
      kind: 'card_setup',
      clientSecret: 'seti_1_secret_2',
      returnUrl,
    }).markup;
    expect(markup).toContain('<script src="https://js.stripe.com/v3"></script>');
    expect(markup).toMatch(/<script src="\/assets\/card-step\.[0-9a-f]{12}\.js"><\/script>/);
    // No inline script: every <script> has a src.
    expect(markup.match(/<script>/g)).toBeNull();
    expect(markup).toContain('data-publishable-key="pk_test_1"');
    expect(markup).toContain('data-client-secret="seti_1_secret_2"');
    expect(markup).toContain('data-kind="card_setup"');
    expect(markup).toContain(`data-return-url="${returnUrl.replace(/&/g, '&amp;')}"`);
    expect(markup).toContain('<noscript>');
    expect(textOf(markup)).toContain('Save your card');
  });

  it('relaxes the policy on the card page alone, for Stripe’s script, frames and API', async () => {
    expect(CARD_STEP_POLICY).toContain("script-src 'self' https://js.stripe.com");
    expect(CARD_STEP_POLICY).toContain('frame-src https://js.stripe.com https://hooks.stripe.com');
    expect(CARD_STEP_POLICY).toContain('connect-src https://api.stripe.com');
    expect(CARD_STEP_POLICY).toContain("default-src 'none'");
    expect(CARD_STEP_POLICY).toContain("frame-ancestors 'none'");

    const route = CHECKOUT_ROUTES.find((candidate) => candidate.path.test(`/pledges/${PLEDGE_ID}/card`));
    const request = (cardStep: WebRequest['cardStep'], search: string): WebRequest => {
      const url = new URL(`http://web.invalid/en/pledges/${PLEDGE_ID}/card${search}`);
      return {
        context: pageContext('en', `/pledges/${PLEDGE_ID}/card`, search, STYLESHEET, audience),
        url,
        params: [PLEDGE_ID],
        form: new URLSearchParams(),
        api: undefined as never,
        session: { accessToken: null, viewer: null, browserKey: null } as Session,
        logger: new Logger('test'),
        cookies: undefined as never,
        origin: 'https://elan.example.org',
        cardStep,
      };
    };
    const stripe = await route?.handle(
      request({ kind: 'stripe', publishableKey: 'pk_test_1' }, '?kind=payment&client_secret=pi_9a_secret_b8'),
    );
    expect(stripe).toMatchObject({
      status: 200,
      headers: { 'content-security-policy': CARD_STEP_POLICY, 'cache-control': 'private, no-store' },
    });
    expect(stripe && 'page' in stripe && htmlDocument(stripe.page)).toContain(
      `data-return-url="https://elan.example.org/en/pledges/${PLEDGE_ID}/return"`,
    );
    // Without a key nor the emulator, nothing can be paid: said, and no Stripe policy.
    const none = await route?.handle(request({ kind: 'none' }, '?kind=payment&client_secret=pi_9a_secret_b8'));
    expect(none).toMatchObject({ status: 503 });
    expect(none && 'headers' in none && none.headers).toBeFalsy();
  });
});

describe('the way back from the card step', () => {
  it('says the card was declined and nothing was charged, with another card to try', () => {
    const markup = paymentFailedPage(fr, 'http://127.0.0.1:12111/emulator/pay/pi_1?x=1').markup;
    expect(textOf(markup)).toContain('Rien n’a été débité.');
    expect(markup).toContain('href="http://127.0.0.1:12111/emulator/pay/pi_1?x=1"');
    expect(textOf(markup)).toContain('Essayer une autre carte');
  });

  it('says the payment is being confirmed, with a link to look again and no refresh', () => {
    const markup = paymentConfirmingPage(en, `/en/pledges/${PLEDGE_ID}/return?redirect_status=succeeded`).markup;
    expect(textOf(markup)).toContain('We are confirming your payment');
    expect(markup).toContain('role="status"');
    expect(markup).not.toContain('http-equiv');
  });
});

describe('the pledge page', () => {
  it('shows the pledge and the tip on lines of their own, the total, the status in words, the campaign and the date', () => {
    const markup = pledgePage(fr, { pledge: aPledge(), campaign }).markup;
    const text = textOf(markup);
    expect(text).toContain('Contribution au projet 12,50 €');
    expect(text).toContain('Pourboire à Élan 1 €');
    expect(text).toContain('Total 13,50 €');
    expect(text).toContain('confirmée : carte débitée');
    expect(text).toContain(campaign.title);
    expect(text).toContain('5 décembre 2026');
    expect(markup).toContain(`href="/fr/pledges/${PLEDGE_ID}/change"`);
    expect(markup).toContain(`href="/fr/pledges/${PLEDGE_ID}/cancel"`);
    expect(markup).toContain(`href="/fr/pledges/${PLEDGE_ID}/receipt"`);
    expect(text).not.toContain('Gardez ce lien privé');
  });

  it('tells a guest to keep the private link, and carries the token in every link', () => {
    const link = `https://elan.example.org/en/pledges/${PLEDGE_ID}?token=${'T'.repeat(43)}`;
    const markup = pledgePage(en, {
      pledge: aPledge({ fundingModel: 'all_or_nothing' }),
      campaign: null,
      guestToken: 'T'.repeat(43),
      privateLink: link,
    }).markup;
    const text = textOf(markup);
    expect(text).toContain('Keep this link private');
    expect(text).toContain('It is the only way to see, change or cancel your pledge.');
    expect(markup).toContain(`href="${link}"`);
    expect(markup).toContain(`href="/en/pledges/${PLEDGE_ID}/change?token=${'T'.repeat(43)}"`);
    expect(text).toContain('committed: card saved, charged only if the campaign reaches its goal');
    // An all-or-nothing pledge has a receipt only once collected.
    expect(markup).not.toContain('/receipt');
  });

  it('has words for every status, in both languages', () => {
    const statuses: PledgeView['status'][] = [
      'placed',
      'awaiting_payment',
      'awaiting_card_setup',
      'payment_failed',
      'committed',
      'refund_requested',
      'collecting',
      'collection_declined',
      'card_updated',
      'collected',
      'late',
      'abandoned',
      'cancelled',
      'dropped',
      'released',
      'refunded',
    ];
    for (const context of [fr, en] as PageContext[])
      for (const status of statuses)
        for (const fundingModel of ['keep_it_all', 'all_or_nothing'] as const)
          expect(statusInWords(context, { status, fundingModel })).toMatch(/\w/);
  });
});

describe('the way into the checkout', () => {
  const messages = { available: true, page: someMessages(0) } as const;

  it('is a button on a live campaign’s page, and a link on each tier that can still be chosen', () => {
    const markup = campaignPage(fr, aLiveCampaign(), messages).markup;
    expect(markup).toContain(`<a class="button cta" href="/fr/campaigns/${campaign.campaignId}/pledge">Soutenir ce projet</a>`);
    for (const tier of campaign.tiers)
      expect(markup).toContain(`/fr/campaigns/${campaign.campaignId}/pledge?tier=${tier.tierId}`);
    const soldOut = aLiveCampaign({ tiers: campaign.tiers.map((tier) => ({ ...tier, remainingUnits: 0 })) });
    expect(campaignPage(fr, soldOut, messages).markup).not.toContain('pledge?tier=');
  });

  it('is not offered once the campaign takes no pledges', () => {
    const markup = campaignPage(en, aLiveCampaign({ status: 'succeeded' }), messages).markup;
    expect(markup).not.toContain(`/campaigns/${campaign.campaignId}/pledge`);
  });
});
