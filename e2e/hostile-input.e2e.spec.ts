import { uuidv7 } from '@elan/domain-kernel';
import { Api, PASSWORD, uniqueEmail, type Account } from './support/api';
import { completeDraft, createDraft, tier } from './support/campaigns';
import { Stack } from './support/stack';

/**
 * Hostile input gets a 4xx problem, never a 5xx, with every process real. First each attack
 * the security review found, then a sweep generated from the OpenAPI document: every
 * operation — present and future — gets deep, oversized and form-encoded bodies, NUL bytes and
 * half surrogate pairs in every string it declares (body fields, query and path parameters),
 * numbers out of range where it declares numbers, wrong types, and an empty PATCH.
 */

const PROBLEM_JSON = /^application\/problem\+json/;
/** The gateway's limits (`services/gateway/src/http/`): a body may be 1 MiB, nested 32 deep. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** base64url of `[version, sort, key, campaignId]`, the catalog cursor's inner form. */
const cursorOf = (sort: string, key: string): string =>
  Buffer.from(JSON.stringify([1, sort, key, uuidv7()]), 'utf8').toString('base64url');

interface Sent {
  readonly what: string;
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** The field the problem must name, when the attack aims at one. */
  readonly names?: string;
}

interface Answer {
  readonly sent: Sent;
  readonly status: number;
  readonly type: string;
  readonly body: { status?: unknown; errors?: { field: string }[] } | undefined;
}

describe('hostile input', () => {
  let stack: Stack;
  let api: Api;
  let holder: Account;
  let admin: Account;

  /** Sends one request as `caller` (anonymous when undefined) with fetch, which leaves the path as written. */
  const send = async (sent: Sent, caller: Account | undefined): Promise<Answer> => {
    const headers: Record<string, string> = { ...sent.headers };
    if (caller) headers['authorization'] = `Bearer ${caller.token}`;
    const response = await fetch(`${stack.url}${sent.path}`, { method: sent.method, headers, body: sent.body });
    const text = await response.text();
    let body: Answer['body'];
    try {
      body = JSON.parse(text) as Answer['body'];
    } catch {
      body = undefined;
    }
    return { sent, status: response.status, type: response.headers.get('content-type') ?? '', body };
  };

  /** What is wrong with an answer to hostile input; nothing when it is a 4xx problem naming what it must. */
  const complaintAbout = (answer: Answer): string | undefined => {
    const { sent, status, type, body } = answer;
    const where = `${sent.method} ${sent.path} with ${sent.what}: ${status} ${type} ${JSON.stringify(body)?.slice(0, 300)}`;
    if (status < 400 || status > 499) return `not a 4xx — ${where}`;
    if (!PROBLEM_JSON.test(type) || body?.status !== status) return `not a problem — ${where}`;
    if (sent.names !== undefined && !(body.errors ?? []).some((error) => error.field === sent.names))
      return `does not name ${sent.names} — ${where}`;
    return undefined;
  };

  /** Sends every request, a few at a time, and lists the answers that are not 4xx problems. */
  const complaintsAbout = async (requests: readonly Sent[], caller: Account | undefined): Promise<string[]> => {
    const complaints: string[] = [];
    const queue = [...requests];
    const worker = async (): Promise<void> => {
      for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
        const complaint = complaintAbout(await send(next, caller));
        if (complaint) complaints.push(complaint);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return complaints;
  };

  const json = (what: string, method: string, path: string, body: string, names?: string): Sent => ({
    what,
    method,
    path,
    headers: { 'content-type': 'application/json' },
    body,
    ...(names === undefined ? {} : { names }),
  });

  beforeAll(async () => {
    stack = await Stack.start('hostile');
    api = new Api(stack.url);
    holder = await api.register('hostile-holder');
    admin = await api.account(stack.admin);
  });
  afterAll(() => stack?.stop());

  describe('the attacks of the review', () => {
    it('answers a 5,000-deep JSON body with an Idempotency-Key, without login, with a 400', async () => {
      const deep = `{"email":${'['.repeat(5000)}${']'.repeat(5000)}}`;
      const answer = await send(
        {
          what: 'a 5,000-deep body',
          method: 'POST',
          path: '/api/auth/register',
          headers: { 'content-type': 'application/json', 'idempotency-key': uuidv7() },
          body: deep,
        },
        undefined,
      );
      expect(complaintAbout(answer)).toBeUndefined();
      expect(answer.status).toBe(400);
    });

    it('answers a NUL byte in an e-mail with a 400 naming it, and registers no one', async () => {
      const email = uniqueEmail('nul');
      const answer = await send(
        json(
          'a NUL in the e-mail',
          'POST',
          '/api/auth/register',
          JSON.stringify({ email: `${email}\u0000`, password: PASSWORD, displayName: 'Nul' }),
          'email',
        ),
        undefined,
      );
      expect(complaintAbout(answer)).toBeUndefined();
      await api.post('/api/auth/login').send({ email, password: PASSWORD }).expect(401);
    });

    it('answers a NUL byte in a search text with a 400 naming it', async () => {
      const answer = await send(
        { what: 'a NUL in q', method: 'GET', path: '/api/campaigns?q=four%00pain', names: 'q' },
        undefined,
      );
      expect(complaintAbout(answer)).toBeUndefined();
    });

    it('answers a NUL byte in a title with a 400 naming it, and creates no campaign', async () => {
      const answer = await send(
        json('a NUL in the title', 'POST', '/api/campaigns', JSON.stringify(completeDraft({ title: 'Un four\u0000' })), 'title'),
        holder,
      );
      expect(complaintAbout(answer)).toBeUndefined();
      const mine = await api.get('/api/me/campaigns', holder).expect(200);
      expect(
        (mine.body as { items: { title: string }[] }).items.filter((item) => item.title.startsWith('Un four\u0000')),
      ).toEqual([]);
    });

    it.each([
      ['whose key overflows bigint', 'most_funded', '99999999999999999999'],
      ['whose key is just past bigint', 'most_funded', '9223372036854775808'],
      ['whose date is past what PostgreSQL holds', 'newest', '+275760-09-13T00:00:00.000Z'],
      ['whose date is before what PostgreSQL holds', 'newest', '-271821-04-20T00:00:00.000Z'],
    ])('answers a catalog cursor %s with a 400 naming the cursor', async (_, sort, key) => {
      const answer = await send(
        { what: `a cursor with key ${key}`, method: 'GET', path: `/api/campaigns?sort=${sort}&cursor=${cursorOf(sort, key)}` },
        undefined,
      );
      expect(complaintAbout(answer)).toBeUndefined();
      expect(answer.body).toMatchObject({ status: 400, details: { field: 'cursor' } });
    });

    it('refuses form posts to register and login with a 415', async () => {
      const email = uniqueEmail('form');
      const form = (path: string): Sent => ({
        what: 'a form',
        method: 'POST',
        path,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email, password: PASSWORD, displayName: 'Form' }).toString(),
      });
      for (const path of ['/api/auth/register', '/api/auth/login']) {
        const answer = await send(form(path), undefined);
        expect(complaintAbout(answer)).toBeUndefined();
        expect(answer.status).toBe(415);
      }
      await api.post('/api/auth/login').send({ email, password: PASSWORD }).expect(401);
    });

    it('answers an empty PATCH of a campaign or a tier with a 400, and changes nothing', async () => {
      const campaignId = await createDraft(api, holder);
      const added = await api.post(`/api/campaigns/${campaignId}/tiers`, holder).send(tier()).expect(201);
      const { tierId, version } = added.body as { tierId: string; version: number };
      for (const path of [`/api/campaigns/${campaignId}`, `/api/campaigns/${campaignId}/tiers/${tierId}`]) {
        const answer = await send(json('an empty PATCH', 'PATCH', path, '{}', 'body'), holder);
        expect(complaintAbout(answer)).toBeUndefined();
      }
      const next = await api.patch(`/api/campaigns/${campaignId}`, holder).send({ summary: 'Un four, enfin.' }).expect(200);
      expect(next.body).toMatchObject({ version: version + 1 });
    });

    it('refuses an Idempotency-Key that is not visible ASCII', async () => {
      const answer = await send(
        { what: 'a latin-1 key', method: 'POST', path: '/api/auth/logout', headers: { 'idempotency-key': 'cl\u00e9' } },
        holder,
      );
      expect(complaintAbout(answer)).toBeUndefined();
    });

    it('sends security headers and no X-Powered-By', async () => {
      const response = await fetch(`${stack.url}/api/campaigns`);
      expect(response.headers.get('x-powered-by')).toBeNull();
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
      const docs = await fetch(`${stack.url}/api/docs`);
      expect(docs.headers.get('content-security-policy')).toContain("script-src 'self'");
    });
  });

  describe('every operation of the OpenAPI document', () => {
    it('answers every hostile request with a 4xx problem', async () => {
      const document = (await api.get('/api/docs-json').expect(200)).body as OpenApiDocument;
      const requests = Object.entries(document.paths).flatMap(([template, item]) =>
        Object.entries(item).flatMap(([method, operation]) =>
          hostileRequests(document, template, method.toUpperCase(), operation),
        ),
      );
      const operations = Object.values(document.paths).flatMap((item) => Object.keys(item));
      expect(operations.length).toBeGreaterThanOrEqual(20);
      expect(requests.length).toBeGreaterThan(operations.length * 5);
      // The admin may call every route: a refusal is then the input's doing, not a missing role.
      expect(await complaintsAbout(requests, admin)).toEqual([]);
    });
  });
});

/** The parts of OpenAPI 3 the sweep reads. */
interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly items?: JsonSchema;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
}

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly schema?: JsonSchema;
}

interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly content: Readonly<Record<string, { readonly schema: JsonSchema }>> };
}

interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, JsonSchema>> };
}

/** Text PostgreSQL cannot store, as JSON escapes (a lone surrogate has no UTF-8 form to send raw). */
const UNSTORABLE_JSON = { 'a NUL byte': '"x\\u0000"', 'half a surrogate pair': '"x\\ud800"' };
/** The same in a URL: `%00`, and the CESU-8 bytes of a lone surrogate, which are not UTF-8. */
const UNSTORABLE_URL = { 'a NUL byte': 'x%00', 'half a surrogate pair': 'x%ED%A0%80' };
/** Beyond every integer a route takes: a double's largest, below zero, past bigint. */
const OUT_OF_RANGE = ['1e308', '-1', '9223372036854775808', '-9223372036854775809'];
/** A value of another type than the schema's. */
const WRONG_TYPE: Readonly<Record<string, string>> = {
  string: '12',
  integer: '"12"',
  number: '"12"',
  boolean: '"yes"',
  object: '[]',
  array: '{}',
};

/** Resolves `$ref`s and flattens unions and intersections into the variants a value may take. */
function variantsOf(document: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema[] {
  if (!schema) return [];
  if (schema.$ref) return variantsOf(document, document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')]);
  const union = schema.anyOf ?? schema.oneOf ?? schema.allOf;
  if (union) return union.flatMap((variant) => variantsOf(document, variant));
  return [schema];
}

/** Every field a body schema declares, nested ones included (array items as index 0), with its type. */
function fieldsOf(
  document: OpenApiDocument,
  schema: JsonSchema | undefined,
  path: readonly string[] = [],
  depth = 0,
): { path: string[]; type: string }[] {
  if (depth > 6) return [];
  return variantsOf(document, schema).flatMap((variant) => {
    const here = path.length > 0 && variant.type ? [{ path: [...path], type: variant.type }] : [];
    if (variant.type === 'object')
      return [
        ...here,
        ...Object.entries(variant.properties ?? {}).flatMap(([name, property]) =>
          fieldsOf(document, property, [...path, name], depth + 1),
        ),
      ];
    if (variant.type === 'array') return [...here, ...fieldsOf(document, variant.items, [...path, '0'], depth + 1)];
    return here;
  });
}

/** The JSON text of a body whose only content is `value` (JSON text) at `path`. */
function bodyWith(path: readonly string[], value: string): string {
  return path.reduceRight(
    (inner, segment) => (/^\d+$/.test(segment) ? `[${inner}]` : `{${JSON.stringify(segment)}:${inner}}`),
    value,
  );
}

/** Every hostile request for one operation; path parameters are valid UUIDs unless attacked. */
function hostileRequests(document: OpenApiDocument, template: string, method: string, operation: Operation): Sent[] {
  const parameters = operation.parameters ?? [];
  const pathWith = (attacked?: string, value?: string): string =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => (name === attacked && value !== undefined ? value : uuidv7()));
  const path = pathWith();
  const requests: Sent[] = [];
  // Every POST with an Idempotency-Key: the key's fingerprint reads the body too (a 5,000-deep one overflowed it).
  const add = (what: string, sent: Omit<Sent, 'what'>): void =>
    void requests.push({
      what,
      ...sent,
      ...(method === 'POST' ? { headers: { ...sent.headers, 'idempotency-key': uuidv7() } } : {}),
    });

  // Bodies: the edge refuses these on every route that could take one.
  if (method !== 'GET' && method !== 'HEAD') {
    const jsonHeaders = { 'content-type': 'application/json' };
    add('a 5,000-deep body', {
      method,
      path,
      headers: jsonHeaders,
      body: `${'['.repeat(5000)}${']'.repeat(5000)}`,
      names: 'body',
    });
    add('a body over the size limit', {
      method,
      path,
      headers: jsonHeaders,
      body: JSON.stringify({ story: 'x'.repeat(BODY_LIMIT_BYTES) }),
    });
    add('a form-encoded body', {
      method,
      path,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'title=Un+four&amount=1',
    });
    add('a text body', { method, path, headers: { 'content-type': 'text/plain' }, body: '{}' });
  }

  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  if (bodySchema) {
    for (const field of fieldsOf(document, bodySchema)) {
      const name = field.path.join('.');
      if (field.type === 'string')
        for (const [what, value] of Object.entries(UNSTORABLE_JSON))
          add(`${what} in ${name}`, {
            method,
            path,
            headers: { 'content-type': 'application/json' },
            body: bodyWith(field.path, value),
            names: name,
          });
      if (field.type === 'integer' || field.type === 'number')
        for (const value of OUT_OF_RANGE)
          add(`${value} in ${name}`, {
            method,
            path,
            headers: { 'content-type': 'application/json' },
            body: bodyWith(field.path, value),
          });
      const wrong = WRONG_TYPE[field.type];
      if (wrong !== undefined)
        add(`a wrong type in ${name}`, {
          method,
          path,
          headers: { 'content-type': 'application/json' },
          body: bodyWith(field.path, wrong),
          names: name,
        });
    }
    add('a body that is not an object', {
      method,
      path,
      headers: { 'content-type': 'application/json' },
      body: '"x"',
      names: 'body',
    });
    if (method === 'PATCH')
      add('an empty PATCH', { method, path, headers: { 'content-type': 'application/json' }, body: '{}', names: 'body' });
  }

  for (const parameter of parameters) {
    const types = variantsOf(document, parameter.schema).map((variant) => variant.type);
    if (parameter.in === 'query') {
      const query = (value: string): string => `${path}?${encodeURIComponent(parameter.name)}=${value}`;
      for (const [what, value] of Object.entries(UNSTORABLE_URL))
        add(`${what} in ?${parameter.name}`, { method, path: query(value), names: parameter.name });
      if (types.includes('integer') || types.includes('number'))
        for (const value of [...OUT_OF_RANGE, 'abc'])
          add(`${value} in ?${parameter.name}`, { method, path: query(value), names: parameter.name });
    }
    if (parameter.in === 'path') {
      for (const [what, value] of Object.entries(UNSTORABLE_URL))
        add(`${what} in {${parameter.name}}`, { method, path: pathWith(parameter.name, value), names: 'path' });
      // Not `names`: a route validates its body before its path parameters.
      add(`a number in {${parameter.name}}`, { method, path: pathWith(parameter.name, '9223372036854775808') });
    }
  }
  if (parameters.some((parameter) => parameter.in === 'query'))
    add('an unknown query parameter', { method, path: `${path}?hostile=1`, names: 'hostile' });
  return requests;
}
