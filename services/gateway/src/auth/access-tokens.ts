import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, jwtVerify, type JWTHeaderParameters } from 'jose';
import { isUuid, uuidv7 } from '@elan/domain-kernel';
import { sortedRoles, type Account, type Role } from '../accounts/account';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { SigningSecrets } from '../storage/signing-secrets';
import { DEFAULT_ACCESS_TOKEN_TTL_SECONDS } from './auth.config';

const ISSUER = 'urn:elan:gateway';
const AUDIENCE = 'urn:elan:api';
const ALGORITHM = 'HS256';

export interface IssuedToken {
  readonly accessToken: string;
  /** Seconds until it expires. */
  readonly expiresIn: number;
}

/** What a valid token says. Roles are the ones at issue time: the guard reads current ones. */
export interface TokenClaims {
  readonly accountId: string;
  readonly tokenId: string;
  readonly roles: readonly Role[];
  readonly expiresAt: Date;
}

/**
 * The `kid` of a key: a short hash naming it in the token header, so verification picks the key
 * without trying each. 96 bits of a SHA-256 say nothing usable about a 256-bit key.
 */
export const signingKeyId = (secret: Uint8Array): string =>
  createHash('sha256').update('elan access-token key id\0').update(secret).digest('base64url').slice(0, 16);

interface Keyring {
  readonly current: { readonly kid: string; readonly secret: Uint8Array };
  readonly byKid: ReadonlyMap<string, Uint8Array>;
}

/**
 * Short-lived access tokens: JWT signed with HS256 (jose 5), header `kid`, claims `sub`
 * (account id), `roles`, `jti` (revoked at logout), `iat`, `exp`, `iss`, `aud`. Stateless to
 * check, so any replica can; the keys must therefore be the same on every replica. Tokens are
 * signed with the current key; those of the previous keys are still accepted while listed.
 */
@Injectable()
export class AccessTokens {
  private readonly ttlSeconds: number;
  private keyring: Promise<Keyring> | undefined;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    private readonly secrets: SigningSecrets,
  ) {
    this.ttlSeconds = config.auth?.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
  }

  async issue(account: Account): Promise<IssuedToken> {
    const { current } = await this.keys();
    const accessToken = await new SignJWT({ roles: [...account.roles] })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid: current.kid })
      .setSubject(account.id)
      .setJti(uuidv7())
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(current.secret);
    return { accessToken, expiresIn: this.ttlSeconds };
  }

  /**
   * The claims of a valid token; undefined for a forged, expired or malformed one, one signed
   * with an unknown key or another algorithm, and one whose lifetime exceeds the configured one
   * (however validly signed: a leaked key must not mint long-lived tokens).
   */
  async verify(token: string): Promise<TokenClaims | undefined> {
    const { byKid } = await this.keys();
    const keyOf = (header: JWTHeaderParameters): Uint8Array => {
      const secret = header.kid === undefined ? undefined : byKid.get(header.kid);
      if (!secret) throw new Error('unknown signing key');
      return secret;
    };
    try {
      const { payload } = await jwtVerify(token, keyOf, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        maxTokenAge: this.ttlSeconds,
        requiredClaims: ['sub', 'jti', 'iat', 'exp'],
      });
      const { sub, jti, iat, exp, roles } = payload;
      if (typeof sub !== 'string' || typeof jti !== 'string' || typeof exp !== 'number' || typeof iat !== 'number')
        return undefined;
      if (exp - iat > this.ttlSeconds || !isUuid(sub) || !isUuid(jti)) return undefined;
      const claimed = Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [];
      return { accountId: sub, tokenId: jti, roles: sortedRoles(claimed), expiresAt: new Date(exp * 1000) };
    } catch {
      return undefined;
    }
  }

  private keys(): Promise<Keyring> {
    this.keyring ??= this.secrets.all().then(
      ([current, ...previous]) => {
        if (!current) throw new Error('no signing secret');
        const byKid = new Map([current, ...previous].map((secret) => [signingKeyId(secret), secret] as const));
        return { current: { kid: signingKeyId(current), secret: current }, byKid };
      },
      (error: unknown) => {
        this.keyring = undefined;
        throw error;
      },
    );
    return this.keyring;
  }
}
