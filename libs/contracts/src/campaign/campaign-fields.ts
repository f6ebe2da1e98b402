import { z } from 'zod';

/**
 * Field types the campaign contracts share. Each use still gets its own `.describe()`, since
 * what a field means depends on the message it is in.
 */
export const uuid = () => z.uuid();

/** An ISO 8601 instant with an explicit offset (`Z` or `+02:00`): never a local time. */
export const instant = () => z.iso.datetime({ offset: true });

/** How a campaign collects: all-or-nothing charges only on success, keep-it-all at pledge time. */
export const FUNDING_MODELS = ['all_or_nothing', 'keep_it_all'] as const;

/**
 * INSEE code of a French département: 01–95 (no 20: Corsica is 2A and 2B) and the overseas
 * départements 971–974 and 976.
 */
export const departement = () => z.string().regex(/^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-46])$/);

/** Contributors counted once each, whatever their number of pledges. */
export const backerCount = () => z.number().int().min(0);
