import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as frenchDictionary } from '@zxcvbn-ts/language-fr';
import { ENGLISH_FEEDBACK } from './password-feedback.en';

/**
 * zxcvbn's score (0–4) a password needs: 3 is "safely unguessable" — about 10^8 guesses, out of
 * reach of an online attack and costly offline against argon2id. 4 would refuse many memorable
 * passphrases people actually use.
 */
export const MIN_PASSWORD_SCORE = 3;

/** What the password must not be built from: the account's own e-mail address and name. */
export interface PasswordOwner {
  readonly email?: string;
  readonly displayName?: string;
}

// Building the ranked dictionaries takes tens of milliseconds: once, on first use.
let estimator: ZxcvbnFactory | undefined;
const strengthEstimator = (): ZxcvbnFactory =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...frenchDictionary },
    graphs: adjacencyGraphs,
    translations: ENGLISH_FEEDBACK,
  }));

/** The address, its local part and the words of both, and the name and its words. */
const userInputsOf = ({ email, displayName }: PasswordOwner): string[] => {
  const local = email?.split('@')[0];
  return [email, local, displayName]
    .filter((input): input is string => input !== undefined && input.trim() !== '')
    .flatMap((input) => [input, ...input.split(/[^\p{L}\p{N}]+/u)])
    .filter((input) => input.length >= 3);
};

/**
 * Why a password is too easy to guess, in zxcvbn's words (its warning and suggestions), or
 * undefined when it is strong enough. Length alone is no measure: twelve spaces are twelve
 * characters.
 */
export function passwordWeakness(password: string, owner: PasswordOwner = {}): string | undefined {
  const { score, feedback } = strengthEstimator().check(password, userInputsOf(owner));
  if (score >= MIN_PASSWORD_SCORE) return undefined;
  const advice = [feedback.warning, ...feedback.suggestions].filter((line): line is string => Boolean(line));
  return ['is too easy to guess.', ...(advice.length > 0 ? advice : ['Use a longer passphrase of uncommon words.'])].join(' ');
}
