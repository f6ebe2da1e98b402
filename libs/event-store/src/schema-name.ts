import { ValidationError } from '@elan/domain-kernel';

/**
 * Schema names are spliced into SQL text (identifiers cannot be bind parameters), so they are
 * held to a strict pattern before any statement is built from them.
 */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const assertSchemaName = (schema: string): string => {
  if (!SCHEMA_NAME.test(schema))
    throw new ValidationError(`schema name "${schema}" must match ${SCHEMA_NAME.source}`, { schema });
  return schema;
};

/** The channel on which appends to this schema's log are announced. */
export const notificationChannel = (schema: string): string => `elan_events_${schema}`;
