/**
 * The metadata Élan writes on every Stripe object it creates, so that a webhook about that object
 * can be routed to the service that owns it without asking anyone: the gateway's webhook intake
 * reads `elan_service`, and the service finds its own record by `elan_<entity>_id`.
 */

/** The key naming the owning service. */
export const ELAN_SERVICE_METADATA_KEY = 'elan_service';

/** Services that own Stripe objects. */
export const ELAN_PAYMENT_SERVICES = ['pledge', 'tipping', 'payout'] as const;
export type ElanPaymentService = (typeof ELAN_PAYMENT_SERVICES)[number];

/** Who in Élan owns a Stripe object: `{ service: 'pledge', entity: 'pledge', id }`. */
export interface ElanOwner {
  readonly service: ElanPaymentService;
  /** The kind of Élan record, in the service's words: `pledge`, `contributor`, `campaign`, `holder`… */
  readonly entity: string;
  /** That record's id in Élan. */
  readonly id: string;
}

const ENTITY = /^[a-z][a-z_]*$/;

/** `elan_pledge_id` for the entity `pledge`. */
export const elanIdMetadataKey = (entity: string): string => {
  if (!ENTITY.test(entity)) throw new Error(`an Élan entity is lower-case letters and '_', got ${JSON.stringify(entity)}`);
  return `elan_${entity}_id`;
};

/** The metadata to set on a Stripe object created for `owner`. */
export const elanMetadata = (owner: ElanOwner): Record<string, string> => ({
  [ELAN_SERVICE_METADATA_KEY]: owner.service,
  [elanIdMetadataKey(owner.entity)]: owner.id,
});

const isPaymentService = (value: string | undefined): value is ElanPaymentService =>
  (ELAN_PAYMENT_SERVICES as readonly (string | undefined)[]).includes(value);

/**
 * The owner named by a Stripe object's metadata, or `undefined` when Élan did not create it (or
 * the metadata was edited by hand): such objects are not routed.
 */
export const elanOwnerOf = (metadata: Readonly<Record<string, string>> | null | undefined): ElanOwner | undefined => {
  const service = metadata?.[ELAN_SERVICE_METADATA_KEY];
  if (!metadata || !isPaymentService(service)) return undefined;
  const idKeys = Object.keys(metadata).filter((key) => key !== ELAN_SERVICE_METADATA_KEY && /^elan_[a-z_]+_id$/.test(key));
  const [idKey] = idKeys;
  if (idKeys.length !== 1 || idKey === undefined) return undefined;
  return { service, entity: idKey.slice('elan_'.length, -'_id'.length), id: metadata[idKey] ?? '' };
};
