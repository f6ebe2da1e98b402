import { fold, IllegalStateError, NotFoundError, ValidationError } from '@elan/domain-kernel';
import { DeciderSpecification } from '@elan/testing';
import { payoutAccountDecider } from './payout-account.decider';
import { explainPayoutAccount } from './payout-account.explanation';
import {
  accountPending,
  accountRestricted,
  accountVerified,
  DOCUMENT_DUE,
  HOLDER_ID,
  ONBOARDING_DUE,
  openPayoutAccount,
  OTHER_STRIPE_ACCOUNT_ID,
  payoutAccountOpened,
  recordUpdate,
  STRIPE_ACCOUNT_ID,
} from './payout-account.fixtures';
import { payoutAccountStream } from './payout-account.events';
import type { PayoutAccountEvent } from './payout-account.events';

const given = DeciderSpecification.for(payoutAccountDecider);
const stateAfter = (events: readonly PayoutAccountEvent[]) => fold(payoutAccountDecider, events);

const onField =
  (field: string) =>
  (error: ValidationError): boolean =>
    error.details['field'] === field;

describe('opening a payout account', () => {
  it('records the holder’s Stripe account and what onboarding asks', () =>
    given([]).when(openPayoutAccount()).then(payoutAccountOpened()));

  it('changes nothing when the same account is recorded again (a retried request)', () =>
    given([payoutAccountOpened()]).when(openPayoutAccount()).thenNothingHappened());

  it('changes nothing for the same account once it is verified', () =>
    given([payoutAccountOpened(), accountVerified()]).when(openPayoutAccount()).thenNothingHappened());

  it('refuses a second Stripe account for the same holder', () =>
    given([payoutAccountOpened()])
      .when(openPayoutAccount({ stripeAccountId: OTHER_STRIPE_ACCOUNT_ID }))
      .thenThrows(IllegalStateError));

  it('refuses something that is not a Stripe account id', () =>
    given([])
      .when(openPayoutAccount({ stripeAccountId: 'cus_123' }))
      .thenThrows(ValidationError, onField('stripeAccountId')));

  it('refuses a command without its time', () =>
    given([])
      .when({ ...openPayoutAccount(), metadata: { now: undefined as unknown as Date } })
      .thenThrows(TypeError));

  it('leaves the account pending, with onboarding’s requirements, before any webhook', () => {
    expect(stateAfter([payoutAccountOpened()])).toEqual(
      expect.objectContaining({
        status: 'pending',
        stripeAccountId: STRIPE_ACCOUNT_ID,
        requirements: ONBOARDING_DUE,
        canReceiveTransfers: false,
        stripeUpdatedAt: null,
      }),
    );
  });

  it('has one stream per holder', () => {
    expect(payoutAccountStream(HOLDER_ID)).toBe(`payoutaccount-${HOLDER_ID}`);
  });
});

describe('recording Stripe’s account.updated', () => {
  it('verifies a pending account that can receive transfers with nothing due', () =>
    given([payoutAccountOpened()])
      .when(recordUpdate({ status: 'verified' }))
      .then(accountVerified()));

  it('restricts a verified account, with the requirements the holder must fulfil', () =>
    given([payoutAccountOpened(), accountVerified(1)])
      .when(recordUpdate({ status: 'restricted' }, 2))
      .then(accountRestricted(2, { requirements: DOCUMENT_DUE })));

  it('verifies a restricted account again once Stripe has what it needed', () =>
    given([payoutAccountOpened(), accountVerified(1), accountRestricted(2)])
      .when(recordUpdate({ status: 'verified' }, 3))
      .then(accountVerified(3)));

  it('moves a restricted account back to pending while Stripe checks the new document', () =>
    given([payoutAccountOpened(), accountRestricted(1)])
      .when(recordUpdate({ status: 'pending', requirements: [], disabledReason: 'requirements.pending_verification' }, 2))
      .then(accountPending(2, { requirements: [], disabledReason: 'requirements.pending_verification' })));

  it('restricts a pending account straight away when Stripe says so', () =>
    given([payoutAccountOpened()])
      .when(recordUpdate({ status: 'restricted' }))
      .then(accountRestricted()));

  it('records new requirements of an account that stays restricted', () =>
    given([payoutAccountOpened(), accountRestricted(1)])
      .when(recordUpdate({ status: 'restricted', requirements: ['external_account'] }, 2))
      .then(accountRestricted(2, { requirements: ['external_account'] })));

  it('ignores a redelivered update (same event twice)', () =>
    given([payoutAccountOpened(), accountVerified(1)])
      .when(recordUpdate({ status: 'verified' }, 1))
      .thenNothingHappened());

  it('ignores a newer update that says nothing new', () =>
    given([payoutAccountOpened(), accountRestricted(1)])
      .when(recordUpdate({ status: 'restricted', requirements: [...DOCUMENT_DUE].reverse() }, 5))
      .thenNothingHappened());

  it('ignores an update older than the last one applied: webhooks are not ordered', () =>
    given([payoutAccountOpened(), accountVerified(1), accountRestricted(5)])
      .when(recordUpdate({ status: 'verified' }, 3))
      .thenNothingHappened());

  it('applies an update at the same second as the last one (Stripe’s time is in whole seconds)', () =>
    given([payoutAccountOpened(), accountVerified(2)])
      .when(recordUpdate({ status: 'restricted' }, 2))
      .then(accountRestricted(2)));

  it('ignores the first update of an account opened with the same facts', () =>
    given([payoutAccountOpened()])
      .when(recordUpdate({ status: 'pending' }))
      .thenNothingHappened());

  it('refuses an update for a holder without an account', () =>
    given([])
      .when(recordUpdate({ status: 'verified' }))
      .thenThrows(NotFoundError));

  it('refuses an update about another Stripe account', () =>
    given([payoutAccountOpened()])
      .when(recordUpdate({ status: 'verified', stripeAccountId: OTHER_STRIPE_ACCOUNT_ID }))
      .thenThrows(ValidationError, onField('stripeAccountId')));

  it.each([
    ['something still due', { requirements: DOCUMENT_DUE }],
    ['transfers not enabled', { canReceiveTransfers: false }],
  ])('refuses to call verified an account with %s', (_, facts) =>
    given([payoutAccountOpened()])
      .when(recordUpdate({ status: 'verified', ...facts }))
      .thenThrows(ValidationError, onField('status')),
  );

  it('refuses a Stripe time that is not an instant', () =>
    given([payoutAccountOpened()])
      .when(recordUpdate({ status: 'verified', stripeUpdatedAt: 'yesterday' }))
      .thenThrows(ValidationError, onField('stripeUpdatedAt')));

  it('remembers the time of the last update applied', () => {
    const state = stateAfter([payoutAccountOpened(), accountVerified(1), accountRestricted(4)]);
    expect(state).toEqual(
      expect.objectContaining({ status: 'restricted', stripeUpdatedAt: accountRestricted(4).data.stripeUpdatedAt }),
    );
  });
});

describe('explaining why money would wait', () => {
  it('asks a holder without an account to start one', () => {
    expect(explainPayoutAccount(stateAfter([]))).toMatch(/No payout account yet/);
  });

  it('names what onboarding still needs', () => {
    expect(explainPayoutAccount(stateAfter([payoutAccountOpened()]))).toBe(
      `Onboarding with Stripe is not finished, so money would wait. Stripe still needs: ${ONBOARDING_DUE.join(', ')}.`,
    );
  });

  it('names why an account is restricted and what Stripe needs', () => {
    expect(explainPayoutAccount(stateAfter([payoutAccountOpened(), accountRestricted()]))).toBe(
      'Stripe has restricted your payout account (information Stripe asked for is overdue), so money would wait. ' +
        'Stripe still needs: individual.verification.document.',
    );
  });

  it('says Stripe is checking when nothing is due yet', () => {
    const checking = accountPending(1, { requirements: [], disabledReason: 'requirements.pending_verification' });
    expect(explainPayoutAccount(stateAfter([payoutAccountOpened(), checking]))).toMatch(/Stripe is checking/);
  });

  it('says nothing waits on a verified account', () => {
    expect(explainPayoutAccount(stateAfter([payoutAccountOpened(), accountVerified()]))).toMatch(/no money waits/);
  });
});
