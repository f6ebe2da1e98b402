/**
 * The API side of `bench:web`, as a process of its own: a bare `node:http` server answering the
 * recorded replies (`recorded-replies.ts`) at the gateway's paths, serialised once, on kept-alive
 * connections. Both the web and the floor read it over HTTP, so the bench measures the web tier
 * and nothing behind it. PORT; sends 'ready' on its IPC channel once listening.
 */
import { createServer, type ServerResponse } from 'node:http';
import { CAMPAIGN_ID, checkedReplies } from './recorded-replies';

const replies = checkedReplies();
const json = (body: unknown): Buffer => Buffer.from(JSON.stringify(body), 'utf8');
const CAMPAIGN = json(replies.campaign);
const MESSAGES = json(replies.messages);
const CATALOG = json(replies.catalog);
const NOT_FOUND = json({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such campaign.' });

const send = (response: ServerResponse, status: number, body: Buffer): void => {
  response.writeHead(status, {
    'content-type': status === 200 ? 'application/json; charset=utf-8' : 'application/problem+json',
    'content-length': String(body.length),
  });
  response.end(body);
};

const server = createServer((request, response) => {
  const path = (request.url ?? '/').split('?')[0];
  if (path === '/api/campaigns') return send(response, 200, CATALOG);
  if (path === `/api/campaigns/${CAMPAIGN_ID}`) return send(response, 200, CAMPAIGN);
  if (path === `/api/campaigns/${CAMPAIGN_ID}/messages`) return send(response, 200, MESSAGES);
  return send(response, 404, NOT_FOUND);
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
