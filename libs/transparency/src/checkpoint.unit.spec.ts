import { generateKeyPairSync } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import {
  InvalidCheckpointError,
  canonicalCheckpointBytes,
  checkCheckpointSignature,
  makeCheckpoint,
  parseCheckpoint,
  parseSignedCheckpoint,
  parseSignedCheckpointJson,
  signCheckpoint,
  verifyCheckpoint,
  type Checkpoint,
  type SignedCheckpoint,
} from './checkpoint';
import { generateCheckpointKeys, loadSigningKey } from './keys';

const hex = (digit: string): string => digit.repeat(64);

const CHECKPOINT: Checkpoint = {
  log: 'elan/pledge',
  sequence: 7,
  issuedAt: '2026-12-02T10:00:00.000Z',
  heads: [
    { streamId: 'pledge-0193a1b2', position: 4, hash: hex('a') },
    { streamId: 'tip-0193a1b2', position: 2, hash: hex('b') },
  ],
};

const keys = generateCheckpointKeys();
const signer = loadSigningKey(keys.privateKeyPem);

describe('canonical bytes', () => {
  it('are the same whatever order the keys were written in', () => {
    const shuffled = JSON.parse(
      '{"heads":[{"hash":"' +
        hex('a') +
        '","position":4,"streamId":"pledge-0193a1b2"},{"position":2,"streamId":"tip-0193a1b2","hash":"' +
        hex('b') +
        '"}],"issuedAt":"2026-12-02T10:00:00.000Z","sequence":7,"log":"elan/pledge"}',
    ) as Checkpoint;
    expect(canonicalCheckpointBytes(shuffled).equals(canonicalCheckpointBytes(CHECKPOINT))).toBe(true);
  });

  it('are sorted-key JSON without whitespace, of the checkpoint fields only', () => {
    const withExtras = { ...CHECKPOINT, note: 'not signed', heads: CHECKPOINT.heads.map((head) => ({ ...head, extra: 1 })) };
    expect(canonicalCheckpointBytes(withExtras).toString('utf8')).toBe(
      `{"heads":[{"hash":"${hex('a')}","position":4,"streamId":"pledge-0193a1b2"},` +
        `{"hash":"${hex('b')}","position":2,"streamId":"tip-0193a1b2"}],` +
        `"issuedAt":"2026-12-02T10:00:00.000Z","log":"elan/pledge","sequence":7}`,
    );
  });

  it('escape strings as JSON does and refuse what JSON cannot say', () => {
    expect(canonicalJson({ b: 'é"\n', a: [true, null, -1.5], c: undefined })).toBe('{"a":[true,null,-1.5],"b":"é\\"\\n"}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow('no form for the number NaN');
    expect(() => canonicalJson({ at: new Date(0) })).toThrow('plain objects only');
    expect(() => canonicalJson({ big: 1n })).toThrow('no form for a bigint');
  });
});

describe('signing and verifying a checkpoint', () => {
  const signed = signCheckpoint(CHECKPOINT, signer);

  it('round-trips: the signature holds under the published key, in PEM or as a KeyObject', () => {
    expect(signed.keyId).toBe(keys.keyId);
    expect(signed.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(verifyCheckpoint(signed, keys.publicKeyPem)).toBe(true);
    expect(verifyCheckpoint(signed, signer.publicKey)).toBe(true);
    expect(checkCheckpointSignature(signed, keys.publicKeyPem)).toEqual({ valid: true, keyId: keys.keyId });
  });

  it('survives JSON: a verifier reading the published text verifies it', () => {
    const read = parseSignedCheckpointJson(JSON.stringify(signed));
    expect(read).toEqual(signed);
    expect(verifyCheckpoint(read, keys.publicKeyPem)).toBe(true);
  });

  const tampered: readonly [string, (s: SignedCheckpoint) => SignedCheckpoint][] = [
    ['log', (s) => ({ ...s, checkpoint: { ...s.checkpoint, log: 'elan/tipping' } })],
    ['sequence', (s) => ({ ...s, checkpoint: { ...s.checkpoint, sequence: 8 } })],
    ['issuedAt', (s) => ({ ...s, checkpoint: { ...s.checkpoint, issuedAt: '2026-12-02T10:00:00.001Z' } })],
    ['heads, one removed', (s) => ({ ...s, checkpoint: { ...s.checkpoint, heads: s.checkpoint.heads.slice(1) } })],
    [
      'heads, one added',
      (s) => ({
        ...s,
        checkpoint: { ...s.checkpoint, heads: [...s.checkpoint.heads, { streamId: 'tip-z', position: 1, hash: hex('c') }] },
      }),
    ],
    [
      'a head’s streamId',
      (s) => ({
        ...s,
        checkpoint: {
          ...s.checkpoint,
          heads: [{ ...s.checkpoint.heads[0]!, streamId: 'pledge-0193a1b3' }, s.checkpoint.heads[1]!],
        },
      }),
    ],
    [
      'a head’s position',
      (s) => ({
        ...s,
        checkpoint: { ...s.checkpoint, heads: [{ ...s.checkpoint.heads[0]!, position: 3 }, s.checkpoint.heads[1]!] },
      }),
    ],
    [
      'a head’s hash',
      (s) => ({
        ...s,
        checkpoint: { ...s.checkpoint, heads: [{ ...s.checkpoint.heads[0]!, hash: hex('d') }, s.checkpoint.heads[1]!] },
      }),
    ],
    ['signature', (s) => ({ ...s, signature: `${s.signature[0] === 'A' ? 'B' : 'A'}${s.signature.slice(1)}` })],
  ];

  it.each(tampered)('fails once tampered with: %s', (_field, tamper) => {
    const changed = tamper(signed);
    expect(verifyCheckpoint(changed, keys.publicKeyPem)).toBe(false);
    expect(checkCheckpointSignature(changed, keys.publicKeyPem)).toEqual({ valid: false, problem: 'bad_signature' });
  });

  it('fails under another key, and under another key that claims the signer’s id', () => {
    const other = generateCheckpointKeys();
    expect(checkCheckpointSignature(signed, other.publicKeyPem)).toEqual({ valid: false, problem: 'unknown_key' });
    const impostor = signCheckpoint(CHECKPOINT, loadSigningKey(other.privateKeyBase64));
    expect(verifyCheckpoint({ ...impostor, keyId: keys.keyId }, keys.publicKeyPem)).toBe(false);
  });

  it('picks the key the checkpoint names among several (a rotation)', () => {
    const next = generateCheckpointKeys();
    const signedByNext = signCheckpoint(CHECKPOINT, loadSigningKey(next.privateKeyPem));
    expect(verifyCheckpoint(signed, [next.publicKeyPem, keys.publicKeyPem])).toBe(true);
    expect(verifyCheckpoint(signedByNext, [next.publicKeyPem, keys.publicKeyPem])).toBe(true);
  });

  it('answers malformed, never throws, for input that is not a signed checkpoint', () => {
    expect(checkCheckpointSignature({ checkpoint: CHECKPOINT }, keys.publicKeyPem)).toEqual({
      valid: false,
      problem: 'malformed',
    });
    expect(checkCheckpointSignature('not even an object', keys.publicKeyPem)).toEqual({ valid: false, problem: 'malformed' });
    // The last base64url character's 4 low bits are not part of the 64 bytes: another spelling
    // of the same signature, refused so that one signature has one text.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signed.signature.at(-1) ?? '');
    const sameBytes = `${signed.signature.slice(0, -1)}${alphabet[last ^ 1]}`;
    expect(Buffer.from(sameBytes, 'base64url').equals(Buffer.from(signed.signature, 'base64url'))).toBe(true);
    expect(checkCheckpointSignature({ ...signed, signature: sameBytes }, keys.publicKeyPem)).toEqual({
      valid: false,
      problem: 'malformed',
    });
  });
});

describe('checkpoints from untrusted input', () => {
  it('are validated field by field, every problem named', () => {
    const attempt = (): Checkpoint =>
      parseCheckpoint({
        log: '',
        sequence: 0,
        issuedAt: '2 December 2026',
        heads: [{ streamId: 'pledge-1', position: 1.5, hash: 'ABC' }],
      });
    expect(attempt).toThrow(InvalidCheckpointError);
    expect(attempt).toThrow(/log[\s\S]*sequence[\s\S]*issuedAt[\s\S]*heads\[0\]\.position[\s\S]*heads\[0\]\.hash/);
  });

  it('refuse unknown fields, unsorted or repeated heads', () => {
    expect(() => parseCheckpoint({ ...CHECKPOINT, extra: true })).toThrow(/extra/);
    expect(() => parseCheckpoint({ ...CHECKPOINT, heads: [...CHECKPOINT.heads].reverse() })).toThrow(
      'heads must be sorted by streamId, each stream once: "pledge-0193a1b2" comes after "tip-0193a1b2"',
    );
    expect(() => parseCheckpoint({ ...CHECKPOINT, heads: [CHECKPOINT.heads[0], CHECKPOINT.heads[0]] })).toThrow(
      'each stream once',
    );
    expect(() => parseSignedCheckpoint({ checkpoint: CHECKPOINT, keyId: 'xyz', signature: 'short' })).toThrow(
      /keyId[\s\S]*signature/,
    );
    expect(() => parseSignedCheckpointJson('{"checkpoint":')).toThrow('invalid signed checkpoint: not JSON');
  });

  it('are made sorted by makeCheckpoint, and never signed unsorted', () => {
    const made = makeCheckpoint({
      ...CHECKPOINT,
      issuedAt: new Date('2026-12-02T10:00:00Z'),
      heads: [...CHECKPOINT.heads].reverse(),
    });
    expect(made).toEqual(CHECKPOINT);
    expect(() => signCheckpoint({ ...CHECKPOINT, heads: [...CHECKPOINT.heads].reverse() }, signer)).toThrow(
      InvalidCheckpointError,
    );
  });

  it('refuse a signing key of another algorithm', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadSigningKey(pem)).toThrow('is a key of type ec: checkpoints are signed with Ed25519');
  });
});
