import { Inject, Injectable, Logger } from '@nestjs/common';
import { SignJWT, jwtVerify } from 'jose';
import { isUuid, uuidv7 } from '@elan/domain-kernel';
import { sortedRoles, type Account, type Role } from '../accounts/account';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';
import { DEFAULT_ACCESS_TOKEN_TTL_SECONDS, developmentSecret } from './auth.config';

const ISSUER = 'urn:elan:gateway';
const AUDIENCE = 'urn:elan:api';

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
 * Short-lived access tokens: JWT signed with HS256 (jose 5), claims `sub` (account id), `roles`,
 * `jti` (revoked at logout), `iat`, `exp`, `iss`, `aud`. Stateless to check, so any replica can;
 * the secret must therefore be the same on every replica.
 */
@Injectable()
export class AccessTokens {
  private readonly key: Uint8Array;
  private readonly ttlSeconds: number;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    const configured = config.auth?.secret;
    if (configured === undefined)
      new Logger(AccessTokens.name).warn(
        'AUTH_SECRET is not set: access tokens are signed with a development key derived from the ' +
          'database URL. Set AUTH_SECRET (required when NODE_ENV=production).',
      );
    this.key = new TextEncoder().encode(configured ?? developmentSecret(config.databaseUrl));
    this.ttlSeconds = config.auth?.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
  }

  async issue(account: Account): Promise<IssuedToken> {
    const accessToken = await new SignJWT({ roles: [...account.roles] })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(account.id)
      .setJti(uuidv7())
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
    return { accessToken, expiresIn: this.ttlSeconds };
  }

  /** The claims of a valid token; undefined for a forged, expired or malformed one. */
  async verify(token: string): Promise<TokenClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE });
      const { sub, jti, exp, roles } = payload;
      if (typeof sub !== 'string' || typeof jti !== 'string' || typeof exp !== 'number') return undefined;
      if (!isUuid(sub) || !isUuid(jti)) return undefined;
      const claimed = Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [];
      return { accountId: sub, tokenId: jti, roles: sortedRoles(claimed), expiresAt: new Date(exp * 1000) };
    } catch {
      return undefined;
    }
  }
}
