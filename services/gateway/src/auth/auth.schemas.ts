import { z } from 'zod';
import { requestSchema, responseSchema } from '../openapi/api-schemas';

/** Lenient on purpose: a login only checks; the rules of a good password belong to registration. */
export const LoginRequestSchema = requestSchema(
  'LoginRequest',
  z.strictObject({ email: z.string().min(1).max(254), password: z.string().min(1).max(200) }),
);
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const AccessTokenSchema = responseSchema(
  'AccessToken',
  z.object({
    accessToken: z.string().describe('Send it as "Authorization: Bearer <accessToken>"'),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().describe('Seconds until the token expires'),
  }),
);
export type AccessTokenView = z.infer<typeof AccessTokenSchema>;
