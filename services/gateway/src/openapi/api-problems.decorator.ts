import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { schemaRef } from './api-schemas';
import { PROBLEM_JSON } from '../problem/problem-details';
import { ProblemSchema, ValidationProblemSchema } from './problem.schemas';

/** What each problem status means on the routes of the gateway, unless a route says better. */
export const PROBLEM_DESCRIPTIONS: Readonly<Record<number, string>> = {
  400: 'Invalid request: the problem names the invalid fields in `errors`',
  401: 'Not authenticated: no bearer token, or one that is invalid, expired or revoked',
  403: 'Authenticated, but without a role this route requires',
  404: 'No such resource',
  409: 'Conflict with the current state',
  422: 'Idempotency-Key already used with another request',
  429: 'Too many requests: `Retry-After` says in how many seconds to try again',
};

/** Documents a problem response of `status` on a route (or every route of a controller). */
export function ApiProblem(status: number, description?: string): MethodDecorator & ClassDecorator {
  return ApiResponse({
    status,
    description: description ?? PROBLEM_DESCRIPTIONS[status] ?? 'Error',
    content: { [PROBLEM_JSON]: { schema: schemaRef(status === 400 ? ValidationProblemSchema : ProblemSchema) } },
  });
}

/** Documents several problem responses with their usual descriptions. */
export const ApiProblems = (...statuses: number[]): MethodDecorator & ClassDecorator =>
  applyDecorators(...statuses.map((status) => ApiProblem(status)));
