import { z } from 'zod';
import { responseSchema } from './api-schemas';

/** RFC 7807 problem, as every error of the gateway is answered (`application/problem+json`). */
export const ProblemSchema = responseSchema(
  'Problem',
  z
    .object({
      type: z.string().describe('URI naming the kind of problem (`urn:elan:problem:…`), or `about:blank`'),
      title: z.string().describe('Short summary of the kind of problem'),
      status: z.number().int().describe('The HTTP status code'),
      detail: z.string().optional().describe('Explanation of this occurrence'),
      instance: z.string().optional().describe('The request path'),
    })
    .catchall(z.unknown()),
);

/** One invalid field of a request. */
export const FieldErrorSchema = responseSchema(
  'FieldError',
  z.object({
    field: z.string().describe('Dotted path of the field (`email`, `tiers.0.title`), or a header or parameter name'),
    message: z.string(),
  }),
);

/** A 400 problem naming every invalid field. */
export const ValidationProblemSchema = responseSchema(
  'ValidationProblem',
  ProblemSchema.extend({ errors: z.array(FieldErrorSchema) }),
);
