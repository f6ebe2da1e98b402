import { z } from 'zod';

type JsonSchema = z.core.JSONSchema.JSONSchema;

/** One field of a payload, as docs/contracts.md shows it. Nested fields have dotted paths. */
export interface ContractField {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly description: string;
}

/** One shape of a payload; the variants of a discriminated union are told apart by `when`. */
export interface ContractShape {
  /** `outcome = "reserved"`: the discriminator value of this variant, absent for a plain object. */
  readonly when?: string;
  readonly fields: readonly ContractField[];
}

/**
 * The fields of a contract's schema, read from the JSON Schema zod generates rather than from
 * zod's internals: that output is public, stable across zod versions, and what consumers in
 * other languages would read too.
 */
export const contractShapes = (schema: z.ZodType): ContractShape[] => {
  const json: JsonSchema = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  const variants = json.oneOf ?? json.anyOf;
  if (!variants) return [{ fields: fieldsOf(json, '') }];
  return variants.map((variant) => {
    const when = discriminatorOf(variant);
    return when === undefined ? { fields: fieldsOf(variant, '') } : { when, fields: fieldsOf(variant, '') };
  });
};

const asSchema = (value: boolean | JsonSchema | undefined): JsonSchema => (typeof value === 'object' ? value : {});

const fieldsOf = (schema: JsonSchema, prefix: string): ContractField[] =>
  Object.entries(schema.properties ?? {}).flatMap(([name, value]) => {
    const property = asSchema(value);
    const path = prefix ? `${prefix}.${name}` : name;
    const field: ContractField = {
      path,
      type: typeOf(property),
      required: (schema.required ?? []).includes(name),
      description: property.description ?? '',
    };
    return property.properties ? [field, ...fieldsOf(property, path)] : [field];
  });

/** `name = "value"` for the properties every variant pins to a constant. */
const discriminatorOf = (variant: JsonSchema): string | undefined => {
  const pinned = Object.entries(variant.properties ?? {}).filter(([, value]) => asSchema(value).const !== undefined);
  if (pinned.length === 0) return undefined;
  return pinned.map(([name, value]) => `${name} = ${JSON.stringify(asSchema(value).const)}`).join(', ');
};

const literal = (value: unknown): string => JSON.stringify(value);

const FORMATS: Readonly<Record<string, string>> = {
  uuid: 'uuid',
  'date-time': 'date-time (ISO 8601, with offset)',
  date: 'date (ISO 8601)',
  email: 'e-mail address',
};

/** A short human type: `uuid`, `integer ≥ 0`, `"a" | "b"`, `string matching ^[A-Z]{3}$`. */
export const typeOf = (schema: JsonSchema): string => {
  if (schema.const !== undefined) return literal(schema.const);
  if (schema.enum) return schema.enum.map(literal).join(' | ');
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(typeOf).join(' or ');
  const type = Array.isArray(schema.type) ? schema.type.join(' or ') : schema.type;
  switch (type) {
    case 'string':
      return stringType(schema);
    case 'integer':
    case 'number':
      return `${type}${bounds(schema)}`;
    case 'array':
      return `array of ${Array.isArray(schema.items) ? 'tuples' : typeOf(asSchema(schema.items))}`;
    case 'object':
      return schema.properties ? 'object' : 'object (free-form)';
    case undefined:
      return 'any';
    default:
      return type;
  }
};

const stringType = (schema: JsonSchema): string => {
  if (schema.format) return FORMATS[schema.format] ?? `string (${schema.format})`;
  if (schema.pattern) return `string matching \`${schema.pattern}\``;
  if (schema.minLength !== undefined && schema.minLength > 0) return 'non-empty string';
  return 'string';
};

/** The bounds worth saying: zod adds ±MAX_SAFE_INTEGER to every integer, which says nothing. */
const bounds = (schema: JsonSchema): string => {
  const parts: string[] = [];
  if (schema.minimum !== undefined && schema.minimum !== Number.MIN_SAFE_INTEGER) parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined && schema.maximum !== Number.MAX_SAFE_INTEGER) parts.push(`≤ ${schema.maximum}`);
  return parts.length > 0 ? ` ${parts.join(', ')}` : '';
};
