import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Asset } from './assets';

let loaded: Asset | undefined;

/**
 * The card step's own script (`/assets/card-step.<hash>.js`): it mounts Stripe's Payment Element
 * and confirms the intent. The only script of the site, served on the card page alone, read once.
 */
export const cardStepScript = (): Asset => {
  if (loaded === undefined) {
    const body = readFileSync(join(__dirname, 'assets', 'card-step.js'));
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    loaded = { href: `/assets/card-step.${hash}.js`, body, contentType: 'text/javascript; charset=utf-8' };
  }
  return loaded;
};
