import { z } from 'zod';
import { exportPersonalData } from '@elan/contracts';
import { responseSchema } from '../openapi/api-schemas';
import { AccountSchema } from './accounts.schemas';

/** What `GET /api/me/data` answers: everything Élan holds about the caller, one JSON document. */
export const PersonalDataExportSchema = responseSchema(
  'PersonalDataExport',
  z.object({
    generatedAt: z.iso.datetime().describe('When this export was made.'),
    account: AccountSchema.describe('The account, as the gateway keeps it.'),
    pledges: exportPersonalData.reply.shape.pledges.describe(
      'Every pledge, in every status, oldest first: personal data opened, amounts, tips and statuses.',
    ),
    campaigns: z
      .array(
        z.object({
          campaignId: z.uuid(),
          title: z.string(),
          status: z.string(),
          createdAt: z.iso.datetime(),
        }),
      )
      .describe('The campaigns the caller holds, drafts included (their content is public once approved).'),
  }),
);
export type PersonalDataExportView = z.infer<typeof PersonalDataExportSchema>;
