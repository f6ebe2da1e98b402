import { Body, Param, Query } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery } from '@nestjs/swagger';
import type { z } from 'zod';
import { ApiProblem } from '../openapi/api-problems.decorator';
import { documentedSchema, inlineSchema } from '../openapi/api-schemas';
import { ZodValidationPipe } from './zod-validation.pipe';

/**
 * Parameter decorators that validate with a zod schema *and* document that same schema in
 * OpenAPI, so a route cannot accept one shape and advertise another.
 */

type MethodDecoratorLike = (target: object, key: string | symbol, descriptor: PropertyDescriptor) => unknown;

/** Handlers whose 400 problem is documented already: Swagger would repeat the description. */
const documentedBadRequest = new WeakSet<object>();

/** Applies method decorators (OpenAPI metadata) from a parameter decorator, and the 400 problem once. */
function decorateMethod(target: object, key: string | symbol | undefined, ...decorators: MethodDecoratorLike[]): void {
  if (key === undefined) throw new Error('validated parameters belong to route handlers, not constructors');
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (!descriptor) throw new Error(`no method ${String(key)} to document`);
  for (const decorate of decorators) decorate(target, key, descriptor);
  const handler: unknown = descriptor.value;
  if (typeof handler === 'function' && !documentedBadRequest.has(handler)) {
    documentedBadRequest.add(handler);
    ApiProblem(400)(target, key, descriptor);
  }
}

/** The body, parsed by `schema` (registered with `requestSchema` to appear as a component). */
export function ValidBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(new ZodValidationPipe(schema, 'body'))(target, key, index);
    decorateMethod(target, key, ApiBody({ schema: documentedSchema(schema), required: true }));
  };
}

/** The path parameter `name`, parsed by `schema` (e.g. a UUID). */
export function ValidParam(name: string, schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Param(name, new ZodValidationPipe(schema, 'path', name))(target, key, index);
    decorateMethod(target, key, ApiParam({ name, required: true, schema: inlineSchema(schema) }));
  };
}

/** The whole query string, parsed by an object `schema` (coerce numbers: query values are text). */
export function ValidQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(new ZodValidationPipe(schema, 'query'))(target, key, index);
    const json = inlineSchema(schema);
    const required = new Set(json.required ?? []);
    const parameters = Object.entries(json.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: required.has(name), schema: property }),
    );
    decorateMethod(target, key, ...parameters);
  };
}
