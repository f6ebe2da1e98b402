import { Controller, Header, Patch } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Actor } from '../auth/actor';
import { Authenticated, CurrentActor } from '../auth/auth.decorators';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { requestSchema, responseSchema, schemaRef } from '../openapi/api-schemas';
import { atLeastOneField } from '../campaigns/campaign-bodies.schemas';
import { ProblemException } from '../problem/problem-details';
import { ValidBody } from '../validation/validated.decorators';
import { ACCOUNT_LANGUAGES } from './account';
import { AccountLanguages } from './account-languages';

export const AccountPreferencesSchema = requestSchema(
  'AccountPreferences',
  // Every preference optional, at least one given: an empty PATCH is refused naming the body, as
  // every PATCH of the API is (and preferences to come join without breaking clients).
  atLeastOneField(
    z.strictObject({
      language: z.enum(ACCOUNT_LANGUAGES).optional().describe('The language of the account’s mails: fr (the default) or en.'),
    }),
  ),
);
type AccountPreferences = z.infer<typeof AccountPreferencesSchema>;
export const AccountPreferencesViewSchema = responseSchema(
  'AccountPreferencesView',
  z.object({ language: z.enum(ACCOUNT_LANGUAGES).describe('The language of the account’s mails.') }),
);

/** The caller's preferences: `PATCH /api/me` (the language of their mails, issue #12 part 2). */
@ApiTags('accounts')
@Controller('me')
export class MeLanguageController {
  constructor(private readonly languages: AccountLanguages) {}

  @Patch()
  @Authenticated()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Change the account’s preferences: the language its mails are written in' })
  @ApiOkResponse({ description: 'The preferences as now recorded', schema: schemaRef(AccountPreferencesViewSchema) })
  @ApiProblem(400, 'A language Élan does not write in, or another field')
  async change(@CurrentActor() actor: Actor, @ValidBody(AccountPreferencesSchema) body: AccountPreferences) {
    // The only preference, so present: atLeastOneField refused a body without it.
    const language = body.language ?? 'fr';
    if (!(await this.languages.choose(actor.accountId, language)))
      throw new ProblemException({
        type: 'urn:elan:problem:unauthenticated',
        title: 'Authentication required',
        status: 401,
        detail: 'The account of this access token no longer exists.',
      });
    return { language };
  }
}
