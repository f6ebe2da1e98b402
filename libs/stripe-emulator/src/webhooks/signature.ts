import { createHmac, randomBytes } from 'node:crypto';

/** `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.payload" keyed by the endpoint secret>`. */
export const signatureHeader = (payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string =>
  `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex')}`;

export const newWebhookSecret = (): string => `whsec_${randomBytes(24).toString('base64url')}`;
