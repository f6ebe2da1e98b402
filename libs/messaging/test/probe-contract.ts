import { z } from 'zod';
import { defineIntegrationEvent } from '@elan/contracts';

/** A test event: one step of a probe stream. Each test names its own, so subjects never mix. */
export const probeContract = (suffix: string) =>
  defineIntegrationEvent({
    service: 'campaign',
    type: `Probe${suffix}`,
    version: 1,
    description: 'A test event: one step of a probe stream.',
    consumers: ['pledge'],
    schema: z.object({ step: z.number().int(), amount: z.object({ amount: z.number().int(), currency: z.string() }) }),
  });
