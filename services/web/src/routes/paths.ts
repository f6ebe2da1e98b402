/**
 * The site's paths after the language prefix, in one place, so pages link to each other by name
 * (issue #12). Same words in both languages (ADR 0030).
 */
export const PATHS = {
  catalog: '/',
  campaign: (campaignId: string) => `/campaigns/${campaignId}`,
  login: '/login',
  logout: '/logout',
  register: '/register',
  /** The contributor's own pages. */
  myPledges: '/me/pledges',
  myData: '/me/data',
  /** A pledge: its receipt and status; a guest reaches it by the private link (`?token=`). */
  pledge: (pledgeId: string) => `/pledges/${pledgeId}`,
  checkout: (campaignId: string) => `/campaigns/${campaignId}/pledge`,
  /** The holder's pages. */
  myCampaigns: '/holder/campaigns',
  /** Moderators and admins. */
  moderation: '/moderation',
  admin: '/admin',
  /** The contributor's own pages (account): a pledge's change and cancellation, their data's download, a guest's erasure. */
  pledgeChange: (pledgeId: string) => `/pledges/${pledgeId}/change`,
  pledgeCancel: (pledgeId: string) => `/pledges/${pledgeId}/cancel`,
  pledgeErase: (pledgeId: string) => `/pledges/${pledgeId}/erase`,
  myDataDownload: '/me/data/download',
} as const;

/** A path of ours that a form may send the visitor back to after logging in: never another site. */
export const isSafeReturnPath = (path: string): boolean =>
  path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') && !/[\r\n]/.test(path);
