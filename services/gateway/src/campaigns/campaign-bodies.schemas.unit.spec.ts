import { componentSchemas } from '../openapi/api-schemas';
import { CampaignChangesBodySchema, TierChangesBodySchema } from './campaign-bodies.schemas';

describe.each([
  ['campaign', CampaignChangesBodySchema, 'CampaignChangesRequest', { title: 'Un four à pain' }],
  ['tier', TierChangesBodySchema, 'TierChangesRequest', { title: 'Une miche' }],
])('the changes of a %s (PATCH)', (_, schema, component, oneField) => {
  it('refuses a body that names no field', () => {
    const result = schema.safeParse({});
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: [], message: 'names no field to change' })]);
  });

  it('names a misspelt field alone, not as a body without fields', () => {
    const result = schema.safeParse({ titel: 'x' });
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['titel'] })]);
  });

  it('accepts a single field', () => {
    expect(schema.safeParse(oneField).success).toBe(true);
  });

  it('says so in the OpenAPI document', () => {
    expect(componentSchemas()[component]).toMatchObject({ minProperties: 1 });
  });
});
