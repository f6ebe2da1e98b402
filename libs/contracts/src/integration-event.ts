import { z } from 'zod';

/** The services that publish or consume integration events. */
export const SERVICES = ['campaign', 'pledge', 'tipping', 'payout', 'gateway', 'notification'] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * A published fact of one service, in the project's published language: versioned, validated
 * at both ends, and documented. Its subject is `elan.<service>.<type>.v<version>`; a breaking
 * change is a new version published beside the old one, never an edit of it.
 */
export interface IntegrationEventContract<Type extends string = string, Schema extends z.ZodType = z.ZodType> {
  readonly service: ServiceName;
  /** Stable, explicit name in the past tense (never a class name). */
  readonly type: Type;
  readonly version: number;
  readonly subject: string;
  /** What the fact means, for docs/contracts.md. */
  readonly description: string;
  readonly consumers: readonly ServiceName[];
  readonly schema: Schema;
}

export type PayloadOf<C extends IntegrationEventContract> = z.infer<C['schema']>;

const TYPE_NAME = /^[A-Z][A-Za-z0-9]+$/;

export const integrationEventSubject = (service: ServiceName, type: string, version: number): string =>
  `elan.${service}.${type}.v${version}`;

export const defineIntegrationEvent = <Type extends string, Schema extends z.ZodType>(definition: {
  service: ServiceName;
  type: Type;
  version: number;
  description: string;
  consumers: readonly ServiceName[];
  schema: Schema;
}): IntegrationEventContract<Type, Schema> => {
  if (!TYPE_NAME.test(definition.type)) throw new Error(`integration event type "${definition.type}" must be PascalCase`);
  if (!Number.isInteger(definition.version) || definition.version < 1)
    throw new Error(`integration event ${definition.type} needs a positive integer version`);
  return Object.freeze({
    ...definition,
    subject: integrationEventSubject(definition.service, definition.type, definition.version),
  });
};
