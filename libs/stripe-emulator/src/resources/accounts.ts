import type Stripe from 'stripe';
import { pathParam, type EmulatorContext, type Route } from '../context';
import { nowSeconds, stripeId } from '../wire/ids';
import { listPage } from '../wire/list';
import { invalidRequest, missingResource } from '../wire/stripe-error';

/** The verification a test moves an Express account through (control API). */
export type Verification = 'pending' | 'verified' | 'restricted';

const ONBOARDING_DUE = [
  'business_type',
  'external_account',
  'individual.first_name',
  'individual.last_name',
  'tos_acceptance.date',
];

const requirements = (
  currentlyDue: string[],
  disabledReason: Stripe.Account.Requirements.DisabledReason | null,
): Stripe.Account.Requirements => ({
  alternatives: [],
  current_deadline: null,
  currently_due: currentlyDue,
  disabled_reason: disabledReason,
  errors: [],
  eventually_due: currentlyDue,
  past_due: disabledReason === null ? [] : currentlyDue,
  pending_verification: [],
});

export const getAccount = (context: EmulatorContext, id: string, param = 'account'): Stripe.Account => {
  const account = context.state.data.accounts[id];
  if (account === undefined) throw missingResource(id, param);
  return account;
};

/** Moves an account's verification and reports it with `account.updated`, as Stripe does after review. */
export const moveVerification = (
  context: EmulatorContext,
  id: string,
  status: Verification,
  currentlyDue?: string[],
): Stripe.Account => {
  const account = getAccount(context, id, 'id');
  const previous = {
    charges_enabled: account.charges_enabled,
    payouts_enabled: account.payouts_enabled,
    details_submitted: account.details_submitted,
    capabilities: structuredClone(account.capabilities),
    requirements: structuredClone(account.requirements),
  };
  const capability: Stripe.Account.Capabilities.Transfers =
    status === 'verified' ? 'active' : status === 'pending' ? 'inactive' : 'inactive';
  account.charges_enabled = status === 'verified';
  account.payouts_enabled = status === 'verified';
  account.details_submitted = status !== 'pending';
  account.capabilities = Object.fromEntries(Object.keys(account.capabilities ?? {}).map((name) => [name, capability]));
  if (status === 'verified') account.requirements = requirements([], null);
  else if (status === 'pending') account.requirements = requirements(ONBOARDING_DUE, 'requirements.past_due');
  else account.requirements = requirements(currentlyDue ?? ['individual.verification.document'], 'requirements.past_due');
  context.emit('account.updated', account, previous);
  return account;
};

const create = (context: EmulatorContext, params: import('../wire/params').Params): Stripe.Account => {
  const type = params.string('type') ?? params.child('controller').string('stripe_dashboard') ?? 'express';
  if (type !== 'express') throw invalidRequest('The emulator creates Express accounts only.', 'type');
  const requested = Object.keys(params.child('capabilities').form);
  const account: Stripe.Account = {
    id: stripeId('acct'),
    object: 'account',
    business_type: (params.string('business_type') as Stripe.Account.BusinessType | undefined) ?? null,
    capabilities: Object.fromEntries((requested.length === 0 ? ['transfers'] : requested).map((name) => [name, 'inactive'])),
    charges_enabled: false,
    country: params.string('country') ?? 'FR',
    created: nowSeconds(),
    default_currency: 'eur',
    details_submitted: false,
    email: params.string('email') ?? null,
    metadata: params.metadata(),
    payouts_enabled: false,
    requirements: requirements(ONBOARDING_DUE, 'requirements.past_due'),
    type: 'express',
  };
  context.state.data.accounts[account.id] = account;
  return account;
};

export const accountRoutes = (context: EmulatorContext): Route[] => [
  { method: 'POST', pattern: /^\/v1\/accounts$/, handle: ({ params }) => create(context, params) },
  { method: 'GET', pattern: /^\/v1\/accounts\/([^/]+)$/, handle: (request) => getAccount(context, pathParam(request), 'id') },
  {
    method: 'POST',
    pattern: /^\/v1\/accounts\/([^/]+)$/,
    handle: (request) => {
      const account = getAccount(context, pathParam(request), 'id');
      account.metadata = request.params.metadata(account.metadata ?? {});
      account.email = request.params.string('email') ?? account.email;
      context.emit('account.updated', account);
      return account;
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/accounts$/,
    handle: ({ params }) => listPage(Object.values(context.state.data.accounts), params, '/v1/accounts'),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/account_links$/,
    handle: ({ params }): Stripe.AccountLink => {
      const account = getAccount(context, params.requiredString('account'));
      params.requiredString('type');
      const created = nowSeconds();
      return {
        object: 'account_link',
        created,
        expires_at: created + 300,
        url: `${context.baseUrl()}/emulator/onboarding/${account.id}`,
      };
    },
  },
];
