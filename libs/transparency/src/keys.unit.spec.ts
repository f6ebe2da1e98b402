import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { CheckpointKeyError, generateCheckpointKeys, keyIdOf, loadPublicKey, loadSigningKey } from './keys';

describe('checkpoint keys', () => {
  const keys = generateCheckpointKeys();

  it('load from a PKCS#8 PEM, its newlines escaped, or base64 of the DER, to the same key and id', () => {
    const fromPem = loadSigningKey(keys.privateKeyPem);
    const fromEscaped = loadSigningKey(keys.privateKeyPem.trim().replace(/\n/g, '\\n'));
    const fromBase64 = loadSigningKey(`  ${keys.privateKeyBase64}\n`);
    for (const signer of [fromPem, fromEscaped, fromBase64]) {
      expect(signer.keyId).toBe(keys.keyId);
      expect(signer.publicKeyPem).toBe(keys.publicKeyPem);
    }
  });

  it('name a key by the first 16 hex digits of the SHA-256 of its SPKI DER', () => {
    const publicKey = createPublicKey(keys.publicKeyPem);
    const der = publicKey.export({ type: 'spki', format: 'der' });
    expect(keyIdOf(publicKey)).toBe(createHash('sha256').update(der).digest('hex').slice(0, 16));
    expect(keys.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(generateCheckpointKeys().keyId).not.toBe(keys.keyId);
  });

  it('load a verifier’s public key from SPKI PEM or base64 of the DER', () => {
    const der = createPublicKey(keys.publicKeyPem).export({ type: 'spki', format: 'der' }).toString('base64');
    expect(keyIdOf(loadPublicKey(keys.publicKeyPem))).toBe(keys.keyId);
    expect(keyIdOf(loadPublicKey(der))).toBe(keys.keyId);
  });

  const refused: readonly [string, string | undefined, string][] = [
    ['an unset variable', undefined, 'TRANSPARENCY_SIGNING_KEY is not set'],
    ['a blank value', '  \n', 'TRANSPARENCY_SIGNING_KEY is not set'],
    [
      'text that is no key',
      'not a key at all!',
      'TRANSPARENCY_SIGNING_KEY is neither a PKCS#8 PEM private key nor base64 of a PKCS#8 DER one',
    ],
    ['base64 that is no key', Buffer.from('hello').toString('base64'), 'is neither a PKCS#8 PEM private key nor base64'],
    [
      'a public key',
      generateCheckpointKeys().publicKeyPem,
      'TRANSPARENCY_SIGNING_KEY holds a public key: it must hold the private key',
    ],
    ['a broken PEM', '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----', 'is not a readable PKCS#8 PEM private key'],
    [
      'another PEM label',
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
      'must be a PEM "PRIVATE KEY" (PKCS#8), not "CERTIFICATE"',
    ],
  ];

  it.each(refused)('refuse %s with a clear message', (_what, value, message) => {
    expect(() => loadSigningKey(value)).toThrow(CheckpointKeyError);
    expect(() => loadSigningKey(value)).toThrow(message);
  });

  it('refuse an encrypted key and a key of another algorithm, naming the variable but never the value', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const encrypted = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' }).toString();
    expect(() => loadSigningKey(encrypted, 'ELAN_KEY')).toThrow('ELAN_KEY holds an encrypted PKCS#8 key');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .privateKey.export({ type: 'pkcs8', format: 'der' })
      .toString('base64');
    let message = '';
    try {
      loadSigningKey(rsa, 'ELAN_KEY');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('ELAN_KEY is a key of type rsa: checkpoints are signed with Ed25519');
    expect(() => loadPublicKey(generateKeyPairSync('x25519').publicKey)).toThrow('is a key of type x25519');
    expect(() => loadPublicKey('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----')).toThrow(
      'the public key must be a PEM "PUBLIC KEY" (SPKI), not "PRIVATE KEY"',
    );
  });
});
