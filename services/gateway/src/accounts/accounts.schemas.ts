import { z } from 'zod';
import { requestSchema, responseSchema } from '../openapi/api-schemas';
import { ACCOUNT_LANGUAGES, GRANTED_ROLES, ROLES, type Account } from './account';
import { passwordWeakness } from './password-strength';

/**
 * Limits of the fields people type, shared by the CLI and the HTTP API. `.invalid` can never
 * receive mail (RFC 2606), and erased accounts take their placeholder addresses there
 * (erasure-placeholders.ts): refusing it here keeps those addresses free for them.
 */
export const EmailSchema = z
  .email()
  .max(254)
  .refine((email) => !/\.invalid\.?$/i.test(email.trim()), 'must be an address that can receive mail, not under .invalid');
export const PasswordSchema = z.string().min(12, 'must have at least 12 characters').max(200, 'must have at most 200 characters');
export const DisplayNameSchema = z.string().trim().min(1, 'must not be empty').max(100);

export const RoleSchema = responseSchema(
  'Role',
  z.enum(ROLES).describe('contributor and holder: every account; moderator and admin: granted'),
);

/** An account as the API shows it: never its password hash. */
export const AccountSchema = responseSchema(
  'Account',
  z.object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(RoleSchema),
    createdAt: z.iso.datetime(),
  }),
);
export type AccountView = z.infer<typeof AccountSchema>;

export const toAccountView = (account: Account): AccountView => ({
  id: account.id,
  email: account.email,
  displayName: account.displayName,
  roles: [...account.roles],
  createdAt: account.createdAt.toISOString(),
});

export const RegisterRequestSchema = requestSchema(
  'RegisterRequest',
  z
    .strictObject({
      email: EmailSchema,
      password: PasswordSchema.describe('12 to 200 characters, hard to guess (zxcvbn score 3 or more)'),
      displayName: DisplayNameSchema,
      // Notifications (issue #12 part 2)
      language: z.enum(ACCOUNT_LANGUAGES).optional().describe('The language of the account’s mails: fr (the default) or en.'),
    })
    // Once its length is right (one message at a time): strength, against the address and name too.
    .superRefine((body, context) => {
      if (!PasswordSchema.safeParse(body.password).success) return;
      const weakness = passwordWeakness(body.password, body);
      if (weakness !== undefined) context.addIssue({ code: 'custom', path: ['password'], message: weakness });
    }),
);
export type RegisterRequest = z.infer<typeof RegisterRequestSchema>;

const GrantedRoleSchema = z.enum(GRANTED_ROLES);

export const ChangeRolesRequestSchema = requestSchema(
  'ChangeRolesRequest',
  z
    .strictObject({
      add: z.array(GrantedRoleSchema).max(GRANTED_ROLES.length).optional(),
      remove: z.array(GrantedRoleSchema).max(GRANTED_ROLES.length).optional(),
    })
    .refine((body) => (body.add?.length ?? 0) + (body.remove?.length ?? 0) > 0, {
      message: 'name at least one role to add or remove',
      path: ['add'],
    })
    .refine((body) => !body.add?.some((role) => body.remove?.includes(role)), {
      message: 'a role cannot be both added and removed',
      path: ['remove'],
    }),
);
export type ChangeRolesRequest = z.infer<typeof ChangeRolesRequestSchema>;
