import { ELAN_SERVICE_METADATA_KEY, elanIdMetadataKey, elanMetadata, elanOwnerOf } from './elan-metadata';

describe('Élan metadata on Stripe objects', () => {
  const owner = { service: 'pledge', entity: 'pledge', id: '0190d5f2-7a3b-7c4d-8e5f-6a7b8c9d0e1f' } as const;

  it('names the owning service and the Élan id', () =>
    expect(elanMetadata(owner)).toEqual({ elan_service: 'pledge', elan_pledge_id: owner.id }));

  it('reads back the owner it wrote', () => expect(elanOwnerOf(elanMetadata(owner))).toEqual(owner));

  it('keeps metadata Élan did not write out of the routing', () => {
    expect(elanOwnerOf({ order: '42' })).toBeUndefined();
    expect(elanOwnerOf({ [ELAN_SERVICE_METADATA_KEY]: 'billing', elan_invoice_id: '1' })).toBeUndefined();
    expect(elanOwnerOf(null)).toBeUndefined();
  });

  it('refuses an owner with two Élan ids, which could be routed two ways', () =>
    expect(elanOwnerOf({ ...elanMetadata(owner), elan_campaign_id: 'c' })).toBeUndefined());

  it('refuses entity names that would not read back', () => expect(() => elanIdMetadataKey('Pledge-1')).toThrow());
});
