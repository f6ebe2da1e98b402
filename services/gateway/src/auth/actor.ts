import type { Role } from '../accounts/account';

/** Who is calling: the account behind a valid, unrevoked access token. */
export interface Actor {
  readonly accountId: string;
  /** Current roles, read from the account on every request (not the token's copy). */
  readonly roles: readonly Role[];
  /** The account's address and name as they are now, read with the roles (a pledge carries them). */
  readonly email: string;
  readonly displayName: string;
  /** The token's `jti`, which logout revokes. */
  readonly tokenId: string;
  readonly tokenExpiresAt: Date;
}

// Keyed by the request object itself: no augmentation of Express's Request type, and nothing
// a client can forge by sending a field of the same name.
const actors = new WeakMap<object, Actor>();

export const attachActor = (request: object, actor: Actor): void => {
  actors.set(request, actor);
};

/** The authenticated caller of this request, if any. */
export const actorOf = (request: object): Actor | undefined => actors.get(request);
