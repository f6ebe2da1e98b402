/**
 * The one form in which e-mail addresses are compared: trimmed, Unicode NFKC, then lower case.
 * Storage (a unique column), lookup, the first admin, the create-admin CLI and the login rate
 * limit all go through here, so no two of them can disagree on which account an address names
 * (PostgreSQL's `lower()` and JavaScript's `toLowerCase()` did: `İ` let a locked-out address
 * log in under another spelling). The address as typed is kept for display.
 */
export const normaliseEmail = (email: string): string => email.trim().normalize('NFKC').toLowerCase();
