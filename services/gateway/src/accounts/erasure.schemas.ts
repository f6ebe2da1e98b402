import { z } from 'zod';
import { requestSchema } from '../openapi/api-schemas';

/** `DELETE /api/me` asks for the password again: a stolen access token alone must not erase anyone. */
export const EraseAccountRequestSchema = requestSchema(
  'EraseAccountRequest',
  z.strictObject({
    password: z.string().min(1, 'must not be empty').max(200).describe('The account’s password, typed again to confirm.'),
  }),
);
export type EraseAccountRequest = z.infer<typeof EraseAccountRequestSchema>;
