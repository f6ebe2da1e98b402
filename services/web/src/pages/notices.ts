import { html, type Html } from '../html';
import type { MessageKey } from '../i18n/messages.fr';
import type { PageContext } from './page-context';

/**
 * What a form says after its 303 to a page that is not its own (Post/Redirect/Get), named in the
 * URL (`?notice=erased`): only these names are shown, so a hand-made link cannot put words on a page.
 */
export const NOTICES = {
  erased: 'notice.erased',
} as const satisfies Readonly<Record<string, MessageKey>>;
export type NoticeName = keyof typeof NOTICES;

/** The query parameter carrying a notice: not part of any page's own query (the catalog leaves it aside). */
export const NOTICE_PARAMETER = 'notice';

/** `?notice=…` to append to a path. */
export const withNotice = (path: string, notice: NoticeName): string =>
  `${path}${path.includes('?') ? '&' : '?'}${NOTICE_PARAMETER}=${notice}`;

const isNotice = (name: string | null): name is NoticeName => name !== null && Object.hasOwn(NOTICES, name);

/** The notice the URL names, announced politely as the page opens; nothing for an unknown name. */
export const noticeOf = (context: Pick<PageContext, 't' | 'search'>): Html => {
  const name = new URLSearchParams(context.search).get(NOTICE_PARAMETER);
  return isNotice(name) ? html`<p class="notice" role="status">${context.t.t(NOTICES[name])}</p>` : html``;
};
