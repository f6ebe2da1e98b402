import type {
  ReplyOf,
  getReconciliationReport,
  listChangedCampaigns,
  listSubmittedCampaigns,
  listUnpaidStatements,
} from '@elan/contracts';

/** What the moderators' and admins' pages read from the public API, by the contracts' types (ADR 0030). */
export type SubmittedCampaignsPage = ReplyOf<typeof listSubmittedCampaigns>;
export type SubmittedCampaign = SubmittedCampaignsPage['items'][number];
export type ChangedCampaignsPage = ReplyOf<typeof listChangedCampaigns>;
export type ChangedCampaign = ChangedCampaignsPage['items'][number];
export type ReconciliationReport = ReplyOf<typeof getReconciliationReport>;
export type ReconciliationMismatch = ReconciliationReport['mismatches'][number];
export type UnpaidStatements = ReplyOf<typeof listUnpaidStatements>;
export type UnpaidStatement = UnpaidStatements['statements'][number];

/** The roles an admin grants and removes (`POST /api/admin/accounts/{id}/roles`). */
export const GRANTED_ROLES = ['moderator', 'admin'] as const;
export type GrantedRole = (typeof GRANTED_ROLES)[number];
export const ROLE_ACTIONS = ['grant', 'revoke'] as const;
export type RoleAction = (typeof ROLE_ACTIONS)[number];

/** An account as `POST /api/admin/accounts/{id}/roles` answers it (the gateway's own schema, not a contract). */
export interface AccountView {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly string[];
  readonly createdAt: string;
}
