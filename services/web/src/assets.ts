import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A file served under a URL that names its content, so browsers may keep it for a year. */
export interface Asset {
  readonly href: string;
  readonly body: Buffer;
  readonly contentType: string;
}

/** The one stylesheet, read once at start-up: `/assets/elan.<hash>.css`. */
export const loadStylesheet = (): Asset => {
  const body = readFileSync(join(__dirname, 'assets', 'elan.css'));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return { href: `/assets/elan.${hash}.css`, body, contentType: 'text/css; charset=utf-8' };
};
