/** What an account may do. Every account is a contributor and a holder; the others are granted. */
export const ROLES = ['contributor', 'holder', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles every account has from its registration, which cannot be taken away. */
export const BASE_ROLES: readonly Role[] = ['contributor', 'holder'];

/** Roles an admin grants and removes (a territory-admin role comes with the territories). */
export const GRANTED_ROLES = ['moderator', 'admin'] as const;
export type GrantedRole = (typeof GRANTED_ROLES)[number];

/** A person who can log in. The password hash never leaves the repository. */
export interface Account {
  readonly id: string;
  /** As typed at registration; unique in its normalised form (`normaliseEmail`). */
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly createdAt: Date;
}

/** Roles in their canonical order, without duplicates. */
export const sortedRoles = (roles: Iterable<string>): Role[] => {
  const held = new Set(roles);
  return ROLES.filter((role) => held.has(role));
};

/** The languages an account's mails are written in (ADR 0031); French unless the account chose. */
export const ACCOUNT_LANGUAGES = ['fr', 'en'] as const;
export type AccountLanguage = (typeof ACCOUNT_LANGUAGES)[number];
