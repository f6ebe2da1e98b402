import { campaignUpdate } from './campaign-update.mail';
import { collectionDeclined } from './collection-declined.mail';
import { campaignLink, greeting, named, signature, type MailContext } from './mail-blocks';
import { formatDate, formatMoney, type Amount } from './mail-format';
import { layOut, type RenderedMail } from './mail-layout';
import { moderationDecision } from './moderation-decision.mail';

export type { MailContext } from './mail-blocks';

/**
 * What each template needs, taken from its event when the mail is recorded: ids, amounts, dates.
 * Never personal data (ADR 0031): the name and address come from their owner at send time.
 */
export interface MailData {
  readonly pledge_receipt: {
    readonly pledgeId: string;
    readonly campaignId: string;
    readonly fundingModel: 'all_or_nothing' | 'keep_it_all';
    readonly amount: Amount;
    readonly tip: Amount;
    /** Pledge and tip were charged now (keep-it-all); otherwise a card was saved. */
    readonly charged: boolean;
    readonly committedAt: string;
  };
  readonly campaign_outcome: {
    readonly campaignId: string;
    readonly outcome: 'succeeded' | 'failed' | 'ended';
    /** Committed (all-or-nothing) or collected (keep-it-all), tips excluded. */
    readonly total: Amount;
    readonly backers: number;
    readonly closedAt: string;
  };
  readonly statement_paid: {
    readonly statementId: string;
    readonly campaignId: string;
    readonly amount: Amount;
    readonly paidAt: string;
  };
  // Issue #12 part 2: a declined collection, updates to backers, moderation decisions.
  readonly collection_declined: {
    readonly pledgeId: string;
    readonly campaignId: string;
    /** A guest's mail cannot carry the private link's secret token: it tells them to use theirs. */
    readonly guest: boolean;
    readonly attempt: number;
    /** The last moment a new card is taken; the pledge is dropped after it. */
    readonly retryUntil: string;
    readonly declinedAt: string;
  };
  readonly campaign_update: {
    readonly campaignId: string;
    readonly updateId: string;
    readonly title: string;
    /** The beginning of the update's text (all of it when short); the campaign page has it whole. */
    readonly excerpt: string;
    readonly truncated: boolean;
    readonly postedAt: string;
  };
  readonly moderation_decision: {
    readonly campaignId: string;
    /** The title moderated (the campaign directory only knows launched campaigns). */
    readonly title: string;
    readonly decidedAt: string;
  } & (
    | { readonly decision: 'approved'; readonly startsAt: string; readonly deadline: string }
    | { readonly decision: 'rejected'; readonly reason: string }
  );
}

export type MailTemplate = keyof MailData;
export const MAIL_TEMPLATES: readonly MailTemplate[] = [
  'pledge_receipt',
  'campaign_outcome',
  'statement_paid',
  'collection_declined',
  'campaign_update',
  'moderation_decision',
];

const sumOf = (a: Amount, b: Amount): Amount | null =>
  a.currency === b.currency ? { amount: a.amount + b.amount, currency: a.currency } : null;

function pledgeReceipt(data: MailData['pledge_receipt'], context: MailContext): RenderedMail {
  const fr = context.language === 'fr';
  const money = (amount: Amount) => formatMoney(amount, context.language);
  const campaign = named(context, { fr: 'une campagne Élan', en: 'an Élan campaign' });
  const total = sumOf(data.amount, data.tip);
  const noTip = data.tip.amount === 0;
  const lines = [
    { label: fr ? 'Contribution au projet' : 'Pledge to the project', value: money(data.amount) },
    {
      label: fr ? 'Pourboire à Élan' : 'Tip to Élan',
      value: noTip ? `${money(data.tip)} (${fr ? 'aucun pourboire' : 'no tip'})` : money(data.tip),
    },
    ...(total && !noTip
      ? [{ label: fr ? (data.charged ? 'Total payé' : 'Total') : data.charged ? 'Total paid' : 'Total', value: money(total) }]
      : []),
  ];
  const when = formatDate(data.committedAt, context.language);
  const what = data.charged
    ? fr
      ? `Merci ! Votre paiement pour ${campaign} a bien été reçu le ${when}.`
      : `Thank you! Your payment to ${campaign} was received on ${when}.`
    : fr
      ? `Merci ! Votre contribution à ${campaign} est enregistrée depuis le ${when}. Votre carte ne sera débitée que si la campagne atteint son objectif à sa date de fin ; sinon, rien ne sera prélevé.`
      : `Thank you! Your pledge to ${campaign} was recorded on ${when}. Your card will be charged only if the campaign reaches its goal by its deadline; otherwise nothing is charged.`;
  return layOut(context.language, fr ? `Votre contribution à ${campaign}` : `Your pledge to ${campaign}`, [
    greeting(context),
    { kind: 'paragraph', text: what },
    { kind: 'lines', lines },
    {
      kind: 'paragraph',
      text: fr
        ? '100 % de votre contribution va au projet. Le pourboire, facultatif, fait vivre la plateforme Élan ; il est compté à part.'
        : '100% of your pledge goes to the project. The tip, which is optional, keeps the Élan platform running; it is counted apart.',
    },
    { kind: 'paragraph', text: `${fr ? 'Référence' : 'Reference'}${fr ? ' : ' : ': '}${data.pledgeId}` },
    campaignLink(data.campaignId, context),
    signature(context),
  ]);
}

function campaignOutcome(data: MailData['campaign_outcome'], context: MailContext): RenderedMail {
  const fr = context.language === 'fr';
  const campaign = named(context, { fr: 'Votre campagne', en: 'Your campaign' });
  const subject = {
    succeeded: fr ? `${campaign} a atteint son objectif` : `${campaign} reached its goal`,
    failed: fr ? `${campaign} n’a pas atteint son objectif` : `${campaign} did not reach its goal`,
    ended: fr ? `${campaign} est terminée` : `${campaign} has ended`,
  }[data.outcome];
  const when = formatDate(data.closedAt, context.language);
  const story = {
    succeeded: fr
      ? `Bravo ! Votre campagne s’est close le ${when} en atteignant son objectif. Les cartes des contributeurs vont maintenant être débitées, puis l’argent vous sera versé.`
      : `Congratulations! Your campaign closed on ${when} having reached its goal. The contributors’ cards are now being charged, and the money will then be paid to you.`,
    failed: fr
      ? `Votre campagne s’est close le ${when} sans atteindre son objectif. Aucune carte ne sera débitée et les contributeurs en sont informés.`
      : `Your campaign closed on ${when} without reaching its goal. No card will be charged, and the contributors are told.`,
    ended: fr
      ? `Votre campagne s’est close le ${when}. Ce qui a été collecté vous sera versé par relevé, sur votre compte de versement.`
      : `Your campaign closed on ${when}. What was collected will be paid to you by statement, to your payout account.`,
  }[data.outcome];
  const totalLabel =
    data.outcome === 'ended'
      ? fr
        ? 'Total collecté (hors pourboires)'
        : 'Total collected (tips excluded)'
      : fr
        ? 'Total des contributions engagées (hors pourboires)'
        : 'Total pledged (tips excluded)';
  return layOut(context.language, subject, [
    greeting(context),
    { kind: 'paragraph', text: story },
    {
      kind: 'lines',
      lines: [
        { label: totalLabel, value: formatMoney(data.total, context.language) },
        { label: fr ? 'Contributeurs' : 'Backers', value: String(data.backers) },
      ],
    },
    campaignLink(data.campaignId, context),
    signature(context),
  ]);
}

function statementPaid(data: MailData['statement_paid'], context: MailContext): RenderedMail {
  const fr = context.language === 'fr';
  const amount = formatMoney(data.amount, context.language);
  const campaign = named(context, { fr: 'votre campagne', en: 'your campaign' });
  return layOut(context.language, fr ? `Votre versement de ${amount} est en route` : `Your payout of ${amount} is on its way`, [
    greeting(context),
    {
      kind: 'paragraph',
      text: fr
        ? `Nous avons viré ${amount} pour ${campaign} sur votre compte de versement Stripe, le ${formatDate(data.paidAt, context.language)}. Stripe le verse ensuite sur votre compte bancaire selon son propre calendrier.`
        : `We transferred ${amount} for ${campaign} to your Stripe payout account on ${formatDate(data.paidAt, context.language)}. Stripe then pays it to your bank account on its own schedule.`,
    },
    {
      kind: 'lines',
      lines: [
        { label: fr ? 'Montant versé' : 'Amount paid', value: amount },
        { label: fr ? 'Relevé' : 'Statement', value: data.statementId },
      ],
    },
    {
      kind: 'paragraph',
      text: fr
        ? '100 % des contributions vous reviennent : Élan ne prend aucune commission.'
        : '100% of the pledges are yours: Élan takes no commission.',
    },
    campaignLink(data.campaignId, context),
    signature(context),
  ]);
}

/** The subject and both bodies of a mail, in the recipient's language. */
export function renderMail<T extends MailTemplate>(template: T, data: MailData[T], context: MailContext): RenderedMail {
  switch (template) {
    case 'pledge_receipt':
      return pledgeReceipt(data as MailData['pledge_receipt'], context);
    case 'campaign_outcome':
      return campaignOutcome(data as MailData['campaign_outcome'], context);
    case 'statement_paid':
      return statementPaid(data as MailData['statement_paid'], context);
    case 'collection_declined':
      return collectionDeclined(data as MailData['collection_declined'], context);
    case 'campaign_update':
      return campaignUpdate(data as MailData['campaign_update'], context);
    case 'moderation_decision':
      return moderationDecision(data as MailData['moderation_decision'], context);
    default:
      throw new Error(`no mail template ${String(template)}`);
  }
}
