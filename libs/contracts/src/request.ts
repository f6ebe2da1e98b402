import { z } from 'zod';
import type { ServiceName } from './integration-event';

/**
 * A question or command one service asks another over NATS request/reply, answered by exactly
 * one replica of `service` (its queue group). Versioned like integration events: a breaking
 * change is a new version answered beside the old one.
 */
export interface RequestContract<
  Name extends string = string,
  Request extends z.ZodType = z.ZodType,
  Reply extends z.ZodType = z.ZodType,
> {
  /** The service that answers. */
  readonly service: ServiceName;
  /** Stable, explicit name in the imperative (`ReserveTierUnit`) or `Get…` for queries. */
  readonly name: Name;
  readonly version: number;
  readonly subject: string;
  /** What the request asks and what the reply means, for docs/contracts.md. */
  readonly description: string;
  /** The services allowed to ask. */
  readonly callers: readonly ServiceName[];
  readonly request: Request;
  readonly reply: Reply;
}

/** What a handler receives and a caller sends (no transforms in contracts: input = output). */
export type RequestOf<C extends RequestContract> = z.infer<C['request']>;
/** What a handler returns and a caller receives. */
export type ReplyOf<C extends RequestContract> = z.infer<C['reply']>;

const NAME = /^[A-Z][A-Za-z0-9]+$/;

/** Prefix of every request/reply subject. */
export const REQUEST_SUBJECT_PREFIX = 'rpc';

/**
 * `rpc.<service>.<Name>.v<n>`. Never under `elan.`: the JetStream stream `ELAN` captures
 * `elan.>`, so a core request there would be stored as an event and answered by JetStream with
 * a publish acknowledgement instead of by the service (ADR 0006).
 */
export const requestSubject = (service: ServiceName, name: string, version: number): string =>
  `${REQUEST_SUBJECT_PREFIX}.${service}.${name}.v${version}`;

export const defineRequest = <Name extends string, Request extends z.ZodType, Reply extends z.ZodType>(definition: {
  service: ServiceName;
  name: Name;
  version: number;
  description: string;
  callers: readonly ServiceName[];
  request: Request;
  reply: Reply;
}): RequestContract<Name, Request, Reply> => {
  if (!NAME.test(definition.name)) throw new Error(`request name "${definition.name}" must be PascalCase`);
  if (!Number.isInteger(definition.version) || definition.version < 1)
    throw new Error(`request ${definition.name} needs a positive integer version`);
  return Object.freeze({ ...definition, subject: requestSubject(definition.service, definition.name, definition.version) });
};
