import type { SchemaObject } from '@nestjs/swagger';
import { z } from 'zod';

/**
 * The zod schemas that appear in the OpenAPI document as named components. Bodies are validated
 * with the very schemas registered here, and the document's JSON Schemas are generated from
 * them (`z.toJSONSchema`), so the documentation cannot drift from the validation (ADR 0004).
 */
const requests = z.registry<{ id: string }>();
const responses = z.registry<{ id: string }>();

const componentUri = (id: string): string => `#/components/schemas/${id}`;

/** Registers a request schema (body, query) under `id`; its JSON Schema describes the input. */
export function requestSchema<T extends z.ZodType>(id: string, schema: T): T {
  requests.add(schema, { id });
  return schema;
}

/** Registers a response schema under `id`; its JSON Schema describes the output. */
export function responseSchema<T extends z.ZodType>(id: string, schema: T): T {
  responses.add(schema, { id });
  return schema;
}

/** A `$ref` to the component of a registered schema. */
export function schemaRef(schema: z.ZodType): { $ref: string } {
  const id = requests.get(schema)?.id ?? responses.get(schema)?.id;
  if (id === undefined) throw new Error('schemaRef: register the schema with requestSchema/responseSchema first');
  return { $ref: componentUri(id) };
}

/** A `$ref` when the schema is registered, otherwise its JSON Schema inline. */
export function documentedSchema(schema: z.ZodType): SchemaObject | { $ref: string } {
  return requests.has(schema) || responses.has(schema) ? schemaRef(schema) : inlineSchema(schema);
}

/** A JSON Schema, inline, of an unregistered schema (a path or query parameter). */
export function inlineSchema(schema: z.ZodType): SchemaObject {
  return forOpenApi(z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }));
}

/** Every registered schema, as OpenAPI components. */
export function componentSchemas(): Record<string, SchemaObject> {
  const generate = (registry: typeof requests, io: 'input' | 'output'): Record<string, SchemaObject> => {
    const { schemas } = z.toJSONSchema(registry, { target: 'openapi-3.0', io, uri: componentUri, unrepresentable: 'any' });
    return Object.fromEntries(Object.entries(schemas).map(([id, json]) => [id, forOpenApi(json)]));
  };
  return { ...generate(responses, 'output'), ...generate(requests, 'input') };
}

/** JSON Schema keywords OpenAPI 3.0 does not accept, left out. */
function forOpenApi(json: object): SchemaObject {
  const { $id: _id, $schema: _schema, ...rest } = json as Record<string, unknown>;
  return rest as SchemaObject;
}
