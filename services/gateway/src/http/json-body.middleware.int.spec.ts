import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HttpRequest } from '../common/http-exchange';
import { ProblemException } from '../problem/problem-details';
import { DEFAULT_JSON_BODY_OPTIONS, jsonBodyParser, type JsonBodyOptions } from './json-body.middleware';

/**
 * The parser alone on a bare Node server, to send what supertest cannot: chunked bodies with no
 * declared length, bytes that are not UTF-8. It answers the status of the problem, or 200 with
 * what the parser left on the request.
 */
function serve(options: JsonBodyOptions): Promise<Server> {
  const parse = jsonBodyParser(options);
  const server = createServer((request, response) =>
    parse(request as HttpRequest, response, (error?: unknown) => {
      const { body, rawBody } = request as HttpRequest;
      response.statusCode = error instanceof ProblemException ? error.problem.status : error ? 500 : 200;
      response.end(
        error
          ? JSON.stringify((error as ProblemException).problem ?? null)
          : JSON.stringify({ body, raw: rawBody?.toString('base64') }),
      );
    }),
  );
  return new Promise((listening) => server.listen(0, '127.0.0.1', () => listening(server)));
}

/** Sends `chunks` one by one without a Content-Length (Transfer-Encoding: chunked). */
function send(
  server: Server,
  chunks: Buffer[],
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<{ status: number; text: string }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((done, fail) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      response.on('end', () => done({ status: response.statusCode ?? 0, text }));
    });
    outgoing.on('error', fail);
    for (const chunk of chunks) outgoing.write(chunk);
    outgoing.end();
  });
}

describe('the JSON body parser', () => {
  let server: Server;
  let webhook: Server;
  beforeAll(async () => {
    server = await serve({ ...DEFAULT_JSON_BODY_OPTIONS, limitBytes: 1000 });
    webhook = await serve({ ...DEFAULT_JSON_BODY_OPTIONS, keepsRawBody: (request) => request.url === '/' });
  });
  afterAll(async () => {
    await new Promise((closed) => server.close(closed));
    await new Promise((closed) => webhook.close(closed));
  });

  it('counts the bytes of a chunked body, which declares no length, and refuses it past the limit', async () => {
    const chunk = Buffer.from(`"${'x'.repeat(398)}"`);
    expect((await send(server, [Buffer.from('['), chunk, Buffer.from(','), chunk, Buffer.from(']')])).status).toBe(200);
    const response = await send(server, [
      Buffer.from('['),
      chunk,
      Buffer.from(','),
      chunk,
      Buffer.from(','),
      chunk,
      Buffer.from(']'),
    ]);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.text)).toMatchObject({ type: 'urn:elan:problem:body-too-large' });
  });

  it('refuses bytes that are not UTF-8 rather than replacing them', async () => {
    const response = await send(server, [Buffer.from([0x22, 0xe9, 0x22])]);
    expect(response.status).toBe(400);
    expect(JSON.parse(response.text)).toMatchObject({ errors: [{ field: 'body', message: 'is not valid UTF-8' }] });
  });

  it('keeps the exact bytes for a route that asks for them, next to the parsed value', async () => {
    const bytes = Buffer.from('{ "id" : "evt_1",  "amount":1 }');
    const response = await send(webhook, [bytes]);
    expect(response.status).toBe(200);
    expect(JSON.parse(response.text)).toEqual({ body: { id: 'evt_1', amount: 1 }, raw: bytes.toString('base64') });
    expect(JSON.parse((await send(server, [bytes])).text)).toEqual({ body: { id: 'evt_1', amount: 1 } });
  });
});
