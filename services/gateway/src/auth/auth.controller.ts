import { Controller, Header, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccountLanguages } from '../accounts/account-languages';
import { AccountsService } from '../accounts/accounts.service';
import {
  AccountSchema,
  RegisterRequestSchema,
  toAccountView,
  type AccountView,
  type RegisterRequest,
} from '../accounts/accounts.schemas';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { schemaRef } from '../openapi/api-schemas';
import { NeverReplayed } from '../idempotency/never-replayed.decorator';
import { ProblemException } from '../problem/problem-details';
import { ValidBody } from '../validation/validated.decorators';
import { AccessTokens } from './access-tokens';
import type { Actor } from './actor';
import { Authenticated, CurrentActor } from './auth.decorators';
import { AccessTokenSchema, LoginRequestSchema, type AccessTokenView, type LoginRequest } from './auth.schemas';
import { RateLimited } from './rate-limit/rate-limited.decorator';
import { RevokedTokens } from './revoked-tokens.repository';

/** The same answer whether the address has no account or the password is wrong. */
const invalidCredentials = (): ProblemException =>
  new ProblemException({
    type: 'urn:elan:problem:invalid-credentials',
    title: 'Invalid credentials',
    status: HttpStatus.UNAUTHORIZED,
    detail: 'The e-mail address or the password is wrong.',
  });

/** Registration, login and logout: `/api/auth/…`. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly tokens: AccessTokens,
    private readonly revoked: RevokedTokens,
    private readonly languages: AccountLanguages,
  ) {}

  @Post('register')
  @RateLimited('register')
  @ApiOperation({ summary: 'Create an account (contributor and holder)' })
  @ApiCreatedResponse({ description: 'The new account', schema: schemaRef(AccountSchema) })
  @ApiProblem(409, 'An account already uses this e-mail address (whatever its case)')
  async register(@ValidBody(RegisterRequestSchema) body: RegisterRequest): Promise<AccountView> {
    const account = await this.accounts.register(body);
    if (!account)
      throw new ProblemException({
        type: 'urn:elan:problem:email-taken',
        title: 'E-mail address already registered',
        status: HttpStatus.CONFLICT,
        detail: 'An account already uses this e-mail address: log in, or register with another one.',
      });
    // The language of its mails, when chosen (French otherwise); changed later with PATCH /api/me.
    if (body.language) await this.languages.choose(account.id, body.language);
    return toAccountView(account);
  }

  @Post('login')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  @RateLimited('login')
  // A token must not be kept 24 h, nor handed back after its logout: every login runs.
  @NeverReplayed()
  @ApiOperation({
    summary: 'Exchange an e-mail and password for a short-lived access token',
    description:
      'An `Idempotency-Key` is checked for its form but never replays a login: every login runs and issues ' +
      'a fresh token, so no token is stored nor handed back after a logout.',
  })
  @ApiOkResponse({ description: 'A bearer access token', schema: schemaRef(AccessTokenSchema) })
  @ApiProblem(401, 'Wrong e-mail or password (the same answer for both)')
  async login(@ValidBody(LoginRequestSchema) body: LoginRequest): Promise<AccessTokenView> {
    const account = await this.accounts.authenticate(body.email, body.password);
    if (!account) throw invalidCredentials();
    const { accessToken, expiresIn } = await this.tokens.issue(account);
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @Authenticated()
  @ApiOperation({ summary: 'Revoke the access token of this request' })
  @ApiNoContentResponse({ description: 'Revoked: the token is refused from now on' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.revoked.revoke(actor.tokenId, actor.tokenExpiresAt);
  }
}
