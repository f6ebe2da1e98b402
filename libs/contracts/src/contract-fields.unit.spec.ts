import { z } from 'zod';
import { contractShapes } from './contract-fields';
import { defineRequest } from './request';
import { moneySchema } from './money';

describe('defineRequest', () => {
  const definition = {
    service: 'campaign' as const,
    name: 'GetThing',
    version: 2,
    description: 'A thing.',
    callers: ['gateway' as const],
    request: z.object({}),
    reply: z.object({}),
  };

  it('answers on rpc.<service>.<Name>.v<n>, outside the elan.> subjects JetStream captures', () => {
    expect(defineRequest(definition).subject).toBe('rpc.campaign.GetThing.v2');
  });

  it.each([
    ['a name that is not PascalCase', { ...definition, name: 'get_thing' }, /PascalCase/],
    ['a version below 1', { ...definition, version: 0 }, /positive integer version/],
    ['a fractional version', { ...definition, version: 1.5 }, /positive integer version/],
  ])('refuses %s', (_, bad, message) => {
    expect(() => defineRequest(bad)).toThrow(message);
  });
});

describe('contractShapes', () => {
  it('lists fields with their type, whether required, and description; nested fields dotted', () => {
    const schema = z.object({
      id: z.uuid().describe('The id.'),
      at: z.iso.datetime({ offset: true }).describe('When.'),
      total: moneySchema.describe('How much.'),
      count: z.number().int().min(0).describe('How many.'),
      kind: z.enum(['a', 'b']).describe('Which.'),
      note: z.string().optional().describe('Anything.'),
    });

    expect(contractShapes(schema)).toEqual([
      {
        fields: [
          { path: 'id', type: 'uuid', required: true, description: 'The id.' },
          { path: 'at', type: 'date-time (ISO 8601, with offset)', required: true, description: 'When.' },
          { path: 'total', type: 'object', required: true, description: 'How much.' },
          { path: 'total.amount', type: 'integer', required: true, description: expect.stringMatching(/minor units/) },
          { path: 'total.currency', type: 'string matching `^[A-Z]{3}$`', required: true, description: expect.any(String) },
          { path: 'count', type: 'integer ≥ 0', required: true, description: 'How many.' },
          { path: 'kind', type: '"a" | "b"', required: true, description: 'Which.' },
          { path: 'note', type: 'string', required: false, description: 'Anything.' },
        ],
      },
    ]);
  });

  it('gives each variant of a discriminated union its own shape, named by the discriminator', () => {
    const schema = z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('done').describe('Done.'), at: z.iso.datetime({ offset: true }).describe('When.') }),
      z.object({ outcome: z.literal('refused').describe('Refused.') }),
    ]);

    expect(contractShapes(schema).map((shape) => [shape.when, shape.fields.map((field) => field.path)])).toEqual([
      ['outcome = "done"', ['outcome', 'at']],
      ['outcome = "refused"', ['outcome']],
    ]);
  });
});
