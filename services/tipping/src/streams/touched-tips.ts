import type { PoolClient } from 'pg';
import type { RecordedEvent } from '@elan/event-store';
import { TIP_EVENT_TYPES, type TipState } from '../tip';
import type { TipStreams } from './tip-streams';

const isTipEvent = (event: RecordedEvent): boolean => (TIP_EVENT_TYPES as readonly string[]).includes(event.type);

/**
 * The tips a batch of the log touched, each as its whole stream says now (read in the batch's
 * transaction). Projections derive their rows from the tip's state, not from single events, so
 * replaying a batch or reading a stream already further on writes the same rows.
 */
export const touchedTips = async (
  tips: TipStreams,
  events: readonly RecordedEvent[],
  client: PoolClient,
): Promise<TipState[]> => {
  const tipIds = new Set(events.filter(isTipEvent).map((event) => (event.data as { tipId: string }).tipId));
  const states: TipState[] = [];
  for (const tipId of tipIds) states.push(await tips.state(tipId, client));
  return states;
};
