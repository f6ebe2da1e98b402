import type { PersonalDataVault } from '@elan/personal-data';
import { shownAs } from '@elan/personal-data';
import { sealedText, type ContributorDetails } from '../pledge';

/** The fields a pledge seals, named for the vault's associated data (ADR 0022). */
export const FIELDS = { name: 'contributor.name', email: 'contributor.email', message: 'contributor.message' } as const;

/** Whose key seals a pledge's personal data: the account's, or — a guest being nobody's account — the pledge's own. */
export const subjectOf = (contributor: { kind: 'account'; accountId: string } | { kind: 'guest' }, pledgeId: string): string =>
  contributor.kind === 'account' ? contributor.accountId : pledgeId;

/** Seals what the contributor gave, under their key, before any of it is written. */
export const sealDetails = async (
  vault: PersonalDataVault,
  subjectId: string,
  given: { readonly name?: string; readonly email: string; readonly message?: string; readonly showName: boolean },
): Promise<ContributorDetails> => ({
  ...(given.name !== undefined && { name: sealedText(await vault.seal(subjectId, FIELDS.name, given.name)) }),
  email: sealedText(await vault.seal(subjectId, FIELDS.email, given.email)),
  ...(given.message !== undefined && { message: sealedText(await vault.seal(subjectId, FIELDS.message, given.message)) }),
  showName: given.showName,
});

/** Opens a sealed value for display: the text, `erased` once its person was erased, null when none was given. */
export const openShown = async (
  vault: PersonalDataVault,
  sealed: string | null | undefined,
  field: string,
): Promise<string | null> => {
  const opened = await vault.openOptional(sealed, { field });
  return opened === undefined ? null : shownAs(opened);
};
