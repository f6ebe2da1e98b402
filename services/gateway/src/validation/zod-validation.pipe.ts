import { HttpStatus, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { ProblemException } from '../problem/problem-details';

/** Where a validated value comes from, for the problem's wording. */
export type RequestPart = 'body' | 'query' | 'path' | 'header';

/** One invalid field, as the `errors` extension of a 400 problem lists it. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

const WHERE: Readonly<Record<RequestPart, string>> = {
  body: 'The request body',
  query: 'The query string',
  path: 'The path',
  header: 'The request headers',
};

/**
 * A 400 problem naming every invalid field, in `errors` for programs and in `detail` for people:
 * "The request body has invalid fields: email, password."
 */
export function validationProblem(part: RequestPart, errors: readonly FieldError[]): ProblemException {
  const fields = [...new Set(errors.map((error) => error.field))];
  const noun = fields.length === 1 ? 'an invalid field' : 'invalid fields';
  return new ProblemException({
    type: 'urn:elan:problem:validation-failed',
    title: 'The request is invalid',
    status: HttpStatus.BAD_REQUEST,
    detail: `${WHERE[part]} has ${noun}: ${fields.join(', ')}.`,
    errors,
  });
}

/** zod issues as field errors; `name` prefixes the paths (a path parameter's name). */
export function fieldErrors(error: z.ZodError, part: RequestPart, name?: string): FieldError[] {
  const prefix = name === undefined ? [] : [name];
  return error.issues.flatMap((issue): FieldError[] => {
    const path = [...prefix, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'is not a known field' }));
    return [{ field: path.length > 0 ? path.join('.') : part, message: issue.message }];
  });
}

/**
 * Validates a body, query or path parameter against a zod schema and passes on the parsed
 * value (defaults applied, unknown keys of strict objects refused); anything else is a 400
 * problem naming the fields. Use it through `@ValidBody`, `@ValidQuery`, `@ValidParam`, which
 * also document the schema in OpenAPI.
 */
export class ZodValidationPipe<Schema extends z.ZodType> implements PipeTransform<unknown, z.output<Schema>> {
  constructor(
    private readonly schema: Schema,
    private readonly part: RequestPart,
    private readonly name?: string,
  ) {}

  transform(value: unknown): z.output<Schema> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    throw validationProblem(this.part, fieldErrors(result.error, this.part, this.name));
  }
}
