import { createServer, type Server } from 'node:http';
import Stripe from 'stripe';

/** A small real HTTP receiver for the tests: verifies each delivery with the SDK's `constructEvent`. */
export interface WebhookReceiver {
  readonly url: string;
  readonly events: Stripe.Event[];
  readonly rejected: string[];
  /** TCP connections opened to the receiver so far (kept-alive deliveries share them). */
  readonly connections: () => number;
  /** Answer 500 to the next `count` deliveries (the emulator must retry). */
  failNext(count: number): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const events: Stripe.Event[] = [];
  const rejected: string[] = [];
  let failures = 0;
  const stripe = new Stripe('sk_test_receiver');
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (failures > 0) {
        failures -= 1;
        response.writeHead(500).end();
        return;
      }
      try {
        events.push(stripe.webhooks.constructEvent(Buffer.concat(chunks), String(request.headers['stripe-signature']), secret));
        response.writeHead(200).end();
      } catch (error) {
        rejected.push(error instanceof Error ? error.message : String(error));
        response.writeHead(400).end();
      }
    });
  });
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    events,
    rejected,
    connections: () => connections,
    failNext: (count) => {
      failures += count;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
