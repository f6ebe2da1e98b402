import { Api, type Account } from './api';
import { Stack } from './stack';

/** A stack of one test file's own, and the accounts its tests act as. */
export interface StackWithAccounts<Name extends string> {
  readonly stack: Stack;
  readonly api: Api;
  /** The stack's first admin, logged in. */
  readonly admin: Account;
  readonly accounts: Readonly<Record<Name, Account>>;
}

export interface Cast<Member extends string, Moderator extends string> {
  /** Registered and logged in: contributors and holders. */
  readonly members?: readonly Member[];
  /** Registered, then made moderators by the admin, through the API. */
  readonly moderators?: readonly Moderator[];
}

/**
 * The preamble of an end-to-end test file: starts a stack labelled `label` and registers its
 * cast, in parallel. Stop the stack in `afterAll` (`stack?.stop()`); if the
 * cast cannot be registered, the stack is stopped here.
 *
 * ```ts
 * ({ stack, api, accounts: { holder, moderator } } = await startStack('lifecycle', { members: ['holder'], moderators: ['moderator'] }));
 * ```
 */
export const startStack = async <Member extends string = never, Moderator extends string = never>(
  label: string,
  cast: Cast<Member, Moderator> = {},
): Promise<StackWithAccounts<Member | Moderator>> => {
  const stack = await Stack.start(label);
  try {
    const api = new Api(stack.url);
    const admin = await api.account(stack.admin);
    const registered = await Promise.all([
      ...(cast.members ?? []).map(async (name) => [name, await api.register(name)] as const),
      ...(cast.moderators ?? []).map(async (name) => [name, await api.moderator(name, admin)] as const),
    ]);
    return { stack, api, admin, accounts: Object.fromEntries(registered) as Record<Member | Moderator, Account> };
  } catch (error) {
    // The caller never gets the stack to stop: its processes would outlive the test run.
    await stack.stop();
    throw error;
  }
};
