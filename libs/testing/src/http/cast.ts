import type { Account, Caller, HttpClient } from './http-client';

/** The accounts a test file's tests act as, by the names they go by. */
export interface Cast<Member extends string, Moderator extends string> {
  /** Registered and logged in: contributors and holders. */
  readonly members?: readonly Member[];
  /** Registered, then made moderators by the admin, through the API. */
  readonly moderators?: readonly Moderator[];
}

/**
 * Registers a test file's cast in parallel, each account under its name (also its label):
 * `const { holder, moderator } = await registerCast(api, admin, { members: ['holder'], moderators: ['moderator'] })`.
 */
export const registerCast = async <Member extends string = never, Moderator extends string = never>(
  api: HttpClient,
  admin: Caller,
  cast: Cast<Member, Moderator>,
): Promise<Readonly<Record<Member | Moderator, Account>>> => {
  const registered = await Promise.all([
    ...(cast.members ?? []).map(async (name) => [name, await api.register(name)] as const),
    ...(cast.moderators ?? []).map(async (name) => [name, await api.moderator(name, admin)] as const),
  ]);
  return Object.fromEntries(registered) as Record<Member | Moderator, Account>;
};
