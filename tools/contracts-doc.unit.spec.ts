import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { defineIntegrationEvent, defineRequest } from '@elan/contracts';
import { CONTRACTS_DOC, renderContractsDoc } from './contracts-doc';

describe('docs/contracts.md', () => {
  it('is what the code renders', () => {
    const committed = readFileSync(CONTRACTS_DOC, 'utf8');
    const rendered = renderContractsDoc();
    if (committed !== rendered)
      throw new Error('docs/contracts.md is out of date with libs/contracts: run `npm run docs:contracts` and commit it');
  });
});

describe('renderContractsDoc', () => {
  const event = defineIntegrationEvent({
    service: 'pledge',
    type: 'ThingHappened',
    version: 3,
    description: 'A thing happened.',
    consumers: ['payout'],
    schema: z.object({ label: z.enum(['a', 'b']).describe('Which | what.') }),
  });
  const request = defineRequest({
    service: 'payout',
    name: 'DoThing',
    version: 1,
    description: 'Does a thing.',
    callers: ['gateway'],
    request: z.object({ id: z.uuid().describe('The thing.') }),
    reply: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('done').describe('Done.') }),
      z.object({ outcome: z.literal('refused').describe('Refused.') }),
    ]),
  });
  const doc = renderContractsDoc({ integrationEvents: [event], requests: [request] });

  it('gives each event its subject, publisher, consumers and fields', () => {
    expect(doc).toContain('### ThingHappened v3');
    expect(doc).toContain('| `elan.pledge.ThingHappened.v3` | pledge | payout |');
    expect(doc).toContain('| `label` | "a" \\| "b" | yes | Which \\| what. |');
  });

  it('gives each request its subject, answering service, callers and a table per reply variant', () => {
    expect(doc).toContain('| Answered by | payout (queue group `payout`) |');
    expect(doc).toContain('| `id` | uuid | yes | The thing. |');
    expect(doc).toContain('*outcome = "done"*');
    expect(doc).toContain('*outcome = "refused"*');
  });
});
