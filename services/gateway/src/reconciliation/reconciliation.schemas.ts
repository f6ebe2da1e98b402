import { getReconciliationReport } from '@elan/contracts';
import { z } from 'zod';
import { responseSchema } from '../openapi/api-schemas';

export const ReconciliationReportSchema = responseSchema('ReconciliationReport', getReconciliationReport.reply);
export type ReconciliationReport = z.infer<typeof ReconciliationReportSchema>;
