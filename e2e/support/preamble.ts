import { registerCast, type Cast } from '@elan/testing';
import { Api, type Account } from './api';
import { Stack, type StackOptions } from './stack';

/** A stack of one test file's own, and the accounts its tests act as. */
export interface StackWithAccounts<Name extends string> {
  readonly stack: Stack;
  readonly api: Api;
  /** The stack's first admin, logged in. */
  readonly admin: Account;
  readonly accounts: Readonly<Record<Name, Account>>;
}

/**
 * The preamble of an end-to-end test file: starts a stack labelled `label` and registers its
 * cast (the kit's `registerCast`). Stop the stack in `afterAll` (`stack?.stop()`); if the cast
 * cannot be registered, the stack is stopped here.
 *
 * ```ts
 * ({ stack, api, accounts: { holder, moderator } } = await startStack('lifecycle', { members: ['holder'], moderators: ['moderator'] }));
 * ```
 */
export const startStack = async <Member extends string = never, Moderator extends string = never>(
  label: string,
  cast: Cast<Member, Moderator> = {},
  options: StackOptions = {},
): Promise<StackWithAccounts<Member | Moderator>> => {
  const stack = await Stack.start(label, options);
  try {
    const api = new Api(stack.url);
    const admin = await api.account(stack.admin);
    return { stack, api, admin, accounts: await registerCast(api, admin, cast) };
  } catch (error) {
    // The caller never gets the stack to stop: its processes would outlive the test run.
    await stack.stop();
    throw error;
  }
};
