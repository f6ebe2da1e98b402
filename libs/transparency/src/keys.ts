import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** The environment variable the signing key is read from unless another name is given. */
export const SIGNING_KEY_VARIABLE = 'TRANSPARENCY_SIGNING_KEY';

/** A key that signs checkpoints: Ed25519, with its public half and the id verifiers know it by. */
export interface CheckpointSigner {
  /** First 16 hex digits of the SHA-256 of the public key's SPKI DER. */
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** The public key as SPKI PEM: what the docs and `GET /api/transparency/key` publish. */
  readonly publicKeyPem: string;
}

/** A key pair made for development, in the forms the environment and the docs take. */
export interface GeneratedCheckpointKeys {
  readonly keyId: string;
  /** PKCS#8 PEM. */
  readonly privateKeyPem: string;
  /** Base64 of the PKCS#8 DER: one line, convenient in an environment variable. */
  readonly privateKeyBase64: string;
  /** SPKI PEM. */
  readonly publicKeyPem: string;
}

/** A key that cannot be used to sign or verify checkpoints. The message never holds key material. */
export class CheckpointKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointKeyError';
  }
}

const PKCS8_PEM = /-----BEGIN PRIVATE KEY-----[\s\S]+-----END PRIVATE KEY-----/;
const SPKI_PEM = /-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/;
const PEM_LABEL = /-----BEGIN ([A-Z0-9 ]+)-----/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** The key's id: the first 16 hex digits of the SHA-256 of its SPKI DER. */
export const keyIdOf = (publicKey: KeyObject): string => {
  assertEd25519(publicKey, 'the public key');
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
};

/**
 * The signer of an environment value: a PKCS#8 PEM (its line breaks may be written `\n`, as env
 * files often do), or base64 of the PKCS#8 DER. Anything else, or a key that is not Ed25519, is
 * refused with a message naming the variable, never its value.
 */
export const loadSigningKey = (value: string | undefined, variable: string = SIGNING_KEY_VARIABLE): CheckpointSigner => {
  const text = value?.trim() ?? '';
  if (text.length === 0)
    throw new CheckpointKeyError(`${variable} is not set: it must hold the Ed25519 key that signs checkpoints`);
  const privateKey = text.includes('-----BEGIN') ? privateKeyOfPem(text, variable) : privateKeyOfDer(text, variable);
  assertEd25519(privateKey, variable);
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};

/** A verifier's key: SPKI PEM, base64 of the SPKI DER, or a KeyObject; Ed25519 only. */
export const loadPublicKey = (value: string | KeyObject, what = 'the public key'): KeyObject => {
  if (typeof value !== 'string') {
    if (value.type !== 'public') throw new CheckpointKeyError(`${what} must be a public key, not a ${value.type} one`);
    assertEd25519(value, what);
    return value;
  }
  const text = value.trim();
  if (text.length === 0) throw new CheckpointKeyError(`${what} is empty`);
  let key: KeyObject;
  if (text.includes('-----BEGIN')) {
    const pem = unescapeNewlines(text);
    if (!SPKI_PEM.test(pem)) throw new CheckpointKeyError(`${what} must be a PEM "PUBLIC KEY" (SPKI), not ${pemLabel(pem)}`);
    key = attempt(() => createPublicKey({ key: pem, format: 'pem' }), `${what} is not a readable SPKI PEM public key`);
  } else {
    const der = base64Bytes(text, `${what} is neither an SPKI PEM nor base64 of an SPKI DER public key`);
    key = attempt(
      () => createPublicKey({ key: der, format: 'der', type: 'spki' }),
      `${what} is neither an SPKI PEM nor base64 of an SPKI DER public key`,
    );
  }
  assertEd25519(key, what);
  return key;
};

/** A fresh key pair, for development and tests; production keys come from the secret store. */
export const generateCheckpointKeys = (): GeneratedCheckpointKeys => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    keyId: keyIdOf(publicKey),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    privateKeyBase64: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
};

const privateKeyOfPem = (text: string, variable: string): KeyObject => {
  const pem = unescapeNewlines(text);
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(pem))
    throw new CheckpointKeyError(`${variable} holds an encrypted PKCS#8 key: give it unencrypted (the secret store protects it)`);
  if (SPKI_PEM.test(pem)) throw new CheckpointKeyError(`${variable} holds a public key: it must hold the private key`);
  if (!PKCS8_PEM.test(pem))
    throw new CheckpointKeyError(`${variable} must be a PEM "PRIVATE KEY" (PKCS#8), not ${pemLabel(pem)}`);
  return attempt(() => createPrivateKey({ key: pem, format: 'pem' }), `${variable} is not a readable PKCS#8 PEM private key`);
};

const privateKeyOfDer = (text: string, variable: string): KeyObject => {
  const problem = `${variable} is neither a PKCS#8 PEM private key nor base64 of a PKCS#8 DER one`;
  const der = base64Bytes(text, problem);
  return attempt(() => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }), problem);
};

const base64Bytes = (text: string, problem: string): Buffer => {
  const compact = text.replace(/\s+/g, '');
  if (!BASE64.test(compact)) throw new CheckpointKeyError(problem);
  return Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
};

const assertEd25519 = (key: KeyObject, what: string): void => {
  if (key.asymmetricKeyType !== 'ed25519')
    throw new CheckpointKeyError(
      `${what} is a key of type ${key.asymmetricKeyType ?? 'none'}: checkpoints are signed with Ed25519`,
    );
};

const attempt = <T>(make: () => T, problem: string): T => {
  try {
    return make();
  } catch {
    throw new CheckpointKeyError(problem);
  }
};

const unescapeNewlines = (text: string): string => text.replace(/\\n/g, '\n');

const pemLabel = (pem: string): string => {
  const label = PEM_LABEL.exec(pem)?.[1];
  return label ? `"${label}"` : 'a malformed PEM';
};
