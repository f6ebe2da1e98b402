import { HttpStatus, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { HttpRequest, HttpResponse } from '../common/http-exchange';
import { ProblemException } from '../problem/problem-details';
import { AccessTokens } from './access-tokens';
import { attachActor, type Actor } from './actor';
import { AUTH_REQUIREMENT, type AuthRequirement } from './auth.decorators';
import { RevokedTokens } from './revoked-tokens.repository';

/** RFC 6750 credentials; the scheme name is case-insensitive. */
const BEARER = /^Bearer +([A-Za-z0-9._~+/=-]+)$/i;

/**
 * Global guard: identifies the caller from `Authorization: Bearer <token>` and enforces
 * `@Authenticated()` / `@Roles(…)`. Public routes stay public: an invalid token there is
 * ignored, so a stale token never stops anyone from logging in again.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly revoked: RevokedTokens,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const requirement = this.reflector.getAllAndOverride<AuthRequirement | undefined>(AUTH_REQUIREMENT, [
      context.getHandler(),
      context.getClass(),
    ]);
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    const actor = token === undefined ? undefined : await this.authenticate(token);
    if (actor) attachActor(request, actor);
    if (!requirement) return true;

    if (!actor) {
      const response = http.getResponse<HttpResponse>();
      response.setHeader('WWW-Authenticate', token === undefined ? 'Bearer' : 'Bearer error="invalid_token"');
      throw new ProblemException({
        type: 'urn:elan:problem:unauthenticated',
        title: 'Authentication required',
        status: HttpStatus.UNAUTHORIZED,
        detail:
          token === undefined
            ? 'This route needs an access token: send "Authorization: Bearer <token>" (POST /api/auth/login).'
            : 'The access token is invalid, expired or revoked: log in again.',
      });
    }
    if (requirement.roles.length > 0 && !requirement.roles.some((role) => actor.roles.includes(role)))
      throw new ProblemException({
        type: 'urn:elan:problem:forbidden',
        title: 'Not allowed',
        status: HttpStatus.FORBIDDEN,
        detail: `This route needs one of the roles: ${requirement.roles.join(', ')}.`,
      });
    return true;
  }

  private async authenticate(token: string): Promise<Actor | undefined> {
    const claims = await this.tokens.verify(token);
    if (!claims) return undefined;
    const account = await this.revoked.liveAccount(claims.accountId, claims.tokenId);
    if (!account) return undefined;
    return { accountId: claims.accountId, ...account, tokenId: claims.tokenId, tokenExpiresAt: claims.expiresAt };
  }
}
