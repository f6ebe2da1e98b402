/**
 * `npm run verify-ledger -- <base URL> [--kept <file>] [--fact <stream>:<position>:<hash>]… [--json]`
 *
 * What anyone can run against a running Élan (ADR 0025, issue #11): fetches the public key and
 * the latest signed checkpoint of each money log (`GET /api/transparency/key`, `…/checkpoints`),
 * verifies their signatures, and, with the checkpoints kept from an earlier run (the file
 * `--kept`, by default `tmp/verify-ledger/<host>.json`), checks for each log that the newer
 * checkpoint can follow the kept one (`checkNewer`) and that the history published now still
 * extends it (`checkExtends`, fetching the links it needs from `…/streams/{id}/links`). `--fact`
 * checks that a receipt's fact (its stream, position and hash) is in the latest checkpoint's
 * history (`checkIncluded`).
 *
 * One line per finding; exit 1 on any finding, 0 when all is well (the checkpoints are then kept
 * for the next run), 2 when it could not check (usage, network, a malformed answer).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import {
  checkCheckpointSignature,
  checkExtends,
  checkIncluded,
  checkNewer,
  describeFinding,
  historyOf,
  parseSignedCheckpoint,
  type Fact,
  type Finding,
  type SignedCheckpoint,
  type StreamLink,
} from '@elan/transparency';

const REPO_ROOT = resolve(__dirname, '..');

export interface VerifyLedgerIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly fetch: typeof fetch;
}

interface Options {
  readonly baseUrl: string;
  readonly keptFile: string;
  readonly facts: readonly Fact[];
  readonly json: boolean;
}

/** One thing wrong, for the report: which log (or fact) and what. */
export interface LedgerFinding {
  readonly log: string;
  readonly kind: Finding['kind'] | 'bad_signature' | 'unknown_key' | 'malformed' | 'log_gone';
  readonly description: string;
  readonly streamId?: string;
  readonly position?: number;
}

const keptFileSchema = z.object({
  version: z.literal(1),
  baseUrl: z.string(),
  publicKeys: z.array(z.string()).min(1),
  checkpoints: z.record(z.string(), z.unknown()),
});

const keySchema = z.object({ keyId: z.string(), algorithm: z.literal('Ed25519'), publicKeyPem: z.string() });
const checkpointsSchema = z.object({ checkpoints: z.array(z.unknown()) });
const linksSchema = z.object({
  streamId: z.string(),
  links: z.array(z.object({ position: z.number(), hash: z.string(), type: z.string(), occurredAt: z.string() })),
});

class UsageError extends Error {}

const USAGE =
  'usage: npm run verify-ledger -- <base URL> [--kept <file>] [--fact <stream>:<position>:<hash>]… [--json]\n' +
  '  e.g. npm run verify-ledger -- https://elan.example.org --fact pledge-0195…:3:9f2c…\n' +
  '  (a statement names its fact as payoutledger-<campaignId>:<position>:<hash>; a campaign’s ledger lists its facts)';

/** The API root of a base URL: `https://host` and `https://host/api` both give `https://host/api`. */
export const apiRootOf = (baseUrl: string): string => {
  const url = new URL(baseUrl);
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.origin}${path.endsWith('/api') ? path : `${path}/api`}`;
};

/** Where a host's checkpoints are kept unless `--kept` says: `tmp/verify-ledger/<host>.json`. */
export const defaultKeptFile = (baseUrl: string): string =>
  join(REPO_ROOT, 'tmp', 'verify-ledger', `${new URL(baseUrl).host.replace(/[^A-Za-z0-9.-]/g, '_')}.json`);

const parseFact = (text: string): Fact => {
  const match = /^(.+):(\d+):([0-9a-f]{64})$/.exec(text);
  if (!match) throw new UsageError(`--fact must be <stream>:<position>:<64 hex digits>, got ${JSON.stringify(text)}`);
  return { streamId: match[1] as string, position: Number(match[2]), hash: match[3] as string };
};

export const parseArguments = (args: readonly string[]): Options => {
  let baseUrl: string | undefined;
  let keptFile: string | undefined;
  const facts: Fact[] = [];
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const value = (): string => {
      const next = args[++i];
      if (next === undefined) throw new UsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--kept') keptFile = resolve(value());
    else if (arg === '--fact') facts.push(parseFact(value()));
    else if (arg === '--json') json = true;
    else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
    else if (baseUrl === undefined) baseUrl = arg;
    else throw new UsageError(`one base URL only, got ${arg} too`);
  }
  if (baseUrl === undefined) throw new UsageError('the base URL is missing');
  try {
    apiRootOf(baseUrl);
  } catch {
    throw new UsageError(`not a URL: ${baseUrl}`);
  }
  return { baseUrl, keptFile: keptFile ?? defaultKeptFile(baseUrl), facts, json };
};

const getJson = async <T>(io: VerifyLedgerIo, url: string, schema: z.ZodType<T>): Promise<T | undefined> => {
  const response = await io.fetch(url, { headers: { accept: 'application/json' } });
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) throw new Error(`GET ${url} answered an unexpected body:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
};

/** The link of a stream at a position, as published now (undefined when the stream or link is not there). */
const linkOf = async (io: VerifyLedgerIo, api: string, streamId: string, position: number): Promise<StreamLink | undefined> => {
  const answer = await getJson(
    io,
    `${api}/transparency/streams/${encodeURIComponent(streamId)}/links?from=${position}&limit=1`,
    linksSchema,
  );
  const link = answer?.links[0];
  return link?.position === position ? link : undefined;
};

interface Kept {
  readonly publicKeys: readonly string[];
  readonly checkpoints: ReadonlyMap<string, unknown>;
}

const readKept = async (file: string): Promise<Kept | undefined> => {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (text === undefined) return undefined;
  const parsed = keptFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`the kept file ${file} is not one verify-ledger wrote:\n${z.prettifyError(parsed.error)}`);
  return { publicKeys: parsed.data.publicKeys, checkpoints: new Map(Object.entries(parsed.data.checkpoints)) };
};

const writeKept = async (file: string, baseUrl: string, publicKeys: readonly string[], latest: readonly SignedCheckpoint[]) => {
  await mkdir(dirname(file), { recursive: true });
  const body = {
    version: 1,
    baseUrl,
    publicKeys,
    checkpoints: Object.fromEntries(latest.map((signed) => [signed.checkpoint.log, signed])),
  };
  const aside = `${file}.${process.pid}.tmp`;
  await writeFile(aside, `${JSON.stringify(body, null, 2)}\n`);
  await rename(aside, file);
};

export interface LedgerReport {
  readonly ok: boolean;
  readonly baseUrl: string;
  readonly keyId: string;
  readonly logs: readonly {
    log: string;
    sequence: number;
    issuedAt: string;
    streams: number;
    keptSequence?: number;
    streamsChecked?: number;
  }[];
  readonly facts: readonly { fact: string; log?: string; sequence?: number; included: boolean }[];
  readonly findings: readonly LedgerFinding[];
  readonly keptFile: string;
  readonly saved: boolean;
}

/** Checks a ledger; the report says what was checked and found (no output, no exit). */
export async function checkLedger(options: Options, io: VerifyLedgerIo): Promise<LedgerReport> {
  const api = apiRootOf(options.baseUrl);
  const key = await getJson(io, `${api}/transparency/key`, keySchema);
  if (!key) throw new Error(`GET ${api}/transparency/key answered 404: is this Élan?`);
  const published = await getJson(io, `${api}/transparency/checkpoints`, checkpointsSchema);
  if (!published) throw new Error(`GET ${api}/transparency/checkpoints answered 404`);
  const kept = await readKept(options.keptFile);
  // A rotation: checkpoints kept under an earlier key still verify with it.
  const publicKeys = [key.publicKeyPem, ...(kept?.publicKeys ?? []).filter((pem) => pem !== key.publicKeyPem)];
  const findings: LedgerFinding[] = [];
  const latest: SignedCheckpoint[] = [];

  for (const raw of published.checkpoints) {
    const check = checkCheckpointSignature(raw, publicKeys);
    if (!check.valid) {
      const log = z.object({ checkpoint: z.object({ log: z.string() }) }).safeParse(raw).data?.checkpoint.log ?? '(unknown log)';
      findings.push({
        log,
        kind: check.problem,
        description: `${log}: the latest checkpoint's signature is ${check.problem.replace('_', ' ')}`,
      });
      continue;
    }
    latest.push(parseSignedCheckpoint(raw));
  }

  const logs: LedgerReport['logs'][number][] = [];
  for (const signed of latest) {
    const { checkpoint } = signed;
    const entry: { -readonly [K in keyof LedgerReport['logs'][number]]: LedgerReport['logs'][number][K] } = {
      log: checkpoint.log,
      sequence: checkpoint.sequence,
      issuedAt: checkpoint.issuedAt,
      streams: checkpoint.heads.length,
    };
    logs.push(entry);
    const keptRaw = kept?.checkpoints.get(checkpoint.log);
    if (keptRaw === undefined) continue;
    const keptCheck = checkCheckpointSignature(keptRaw, publicKeys);
    if (!keptCheck.valid) {
      findings.push({
        log: checkpoint.log,
        kind: keptCheck.problem,
        description: `${checkpoint.log}: the kept checkpoint does not verify (${keptCheck.problem})`,
      });
      continue;
    }
    const keptCheckpoint = parseSignedCheckpoint(keptRaw).checkpoint;
    entry.keptSequence = keptCheckpoint.sequence;
    for (const finding of checkNewer(keptCheckpoint, checkpoint))
      findings.push({ log: checkpoint.log, kind: finding.kind, description: `${checkpoint.log}: ${describeFinding(finding)}` });
    // The links at the kept heads, as published now, for the streams the signed checkpoint still lists.
    const listed = new Set(checkpoint.heads.map((head) => head.streamId));
    const links: Record<string, StreamLink[]> = {};
    for (const head of keptCheckpoint.heads) {
      if (!listed.has(head.streamId)) continue;
      const link = await linkOf(io, api, head.streamId, head.position);
      links[head.streamId] = link ? [link] : [];
    }
    entry.streamsChecked = keptCheckpoint.heads.length;
    for (const finding of checkExtends(keptCheckpoint, historyOf(checkpoint.heads, links)))
      findings.push({
        log: checkpoint.log,
        kind: finding.kind,
        description: `${checkpoint.log}: ${describeFinding(finding)}`,
        streamId: finding.streamId,
        position: finding.position,
      });
  }
  for (const log of kept?.checkpoints.keys() ?? [])
    if (!latest.some((signed) => signed.checkpoint.log === log) && !findings.some((finding) => finding.log === log))
      findings.push({ log, kind: 'log_gone', description: `${log}: kept, but no longer published` });

  const facts: LedgerReport['facts'][number][] = [];
  for (const fact of options.facts) {
    const text = `${fact.streamId}:${fact.position}:${fact.hash}`;
    const signed = latest.find((candidate) => candidate.checkpoint.heads.some((head) => head.streamId === fact.streamId));
    const target = signed?.checkpoint ?? latest[0]?.checkpoint;
    if (!target) {
      findings.push({ log: '(none)', kind: 'stream_not_in_checkpoint', description: `fact ${text}: no checkpoint is published` });
      facts.push({ fact: text, included: false });
      continue;
    }
    const link = signed ? await linkOf(io, api, fact.streamId, fact.position) : undefined;
    const found = checkIncluded(fact, target, (streamId, position) =>
      streamId === fact.streamId && position === link?.position ? link.hash : undefined,
    );
    for (const finding of found)
      findings.push({
        log: target.log,
        kind: finding.kind,
        description: `fact ${text}: ${describeFinding(finding)} (${target.log} checkpoint ${target.sequence})`,
        streamId: finding.streamId,
        position: finding.position,
      });
    facts.push({ fact: text, log: target.log, sequence: target.sequence, included: found.length === 0 });
  }

  const ok = findings.length === 0;
  if (ok) await writeKept(options.keptFile, options.baseUrl, publicKeys, latest);
  return { ok, baseUrl: options.baseUrl, keyId: key.keyId, logs, facts, findings, keptFile: options.keptFile, saved: ok };
}

const plainReport = (report: LedgerReport): string[] => [
  `Élan ledger at ${report.baseUrl}, key ${report.keyId} (Ed25519)`,
  ...report.logs.map(
    (log) =>
      `  ${log.log}: checkpoint ${log.sequence} of ${log.issuedAt}, ${log.streams} streams, signature good` +
      (log.keptSequence === undefined
        ? ', nothing kept to compare'
        : `; kept checkpoint ${log.keptSequence}: ${log.streamsChecked} streams checked`),
  ),
  ...report.facts
    .filter((fact) => fact.included)
    .map((fact) => `  fact ${fact.fact}: in ${fact.log} checkpoint ${fact.sequence}`),
  ...report.findings.map((finding) => `FINDING ${finding.description}`),
  report.ok
    ? `All good: the published history extends what was kept. Checkpoints kept in ${report.keptFile}`
    : `${report.findings.length} finding(s): the kept checkpoints in ${report.keptFile} are left as they were`,
];

/** The command: prints the report, answers the exit code (0 all good, 1 findings, 2 could not check). */
export async function verifyLedger(args: readonly string[], io: VerifyLedgerIo): Promise<number> {
  let options: Options;
  try {
    options = parseArguments(args);
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  try {
    const report = await checkLedger(options, io);
    if (options.json) io.out(JSON.stringify(report));
    else plainReport(report).forEach((line) => io.out(line));
    return report.ok ? 0 : 1;
  } catch (error) {
    io.err(`verify-ledger could not check ${options.baseUrl}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}

if (require.main === module)
  void verifyLedger(process.argv.slice(2), {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    fetch: globalThis.fetch,
  }).then((code) => {
    process.exitCode = code;
  });
