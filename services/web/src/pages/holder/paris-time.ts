/**
 * Campaign dates are French civil time (ADR 0030): a holder types "2027-03-01T09:00" in a
 * `datetime-local` field meaning Paris time, and the API takes an instant with its offset. These
 * two functions convert both ways through `Intl`, summer time included.
 */
const TIME_ZONE = 'Europe/Paris';

const PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Paris wall clock at an instant, as milliseconds since the epoch read as if it were UTC. */
const wallClockAt = (instant: number): number => {
  const parts = Object.fromEntries(PARTS.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  return Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
};

const pad = (value: number): string => String(value).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm` (seconds allowed) read as Paris time → an ISO 8601 instant with its offset; undefined if not a date. */
export const parisLocalToInstant = (local: string): string | undefined => {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as number[];
  const wall = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0, second ?? 0);
  if (Number.isNaN(wall) || new Date(wall).getUTCDate() !== day || (hour ?? 0) > 23 || (minute ?? 0) > 59) return undefined;
  // The offset at the wall time read as UTC, then checked at the instant found (it differs only
  // within hours of a change of time, when the first guess lands on the other side).
  let offset = wallClockAt(wall) - wall;
  offset = wallClockAt(wall - offset) - (wall - offset);
  const instant = wall - offset;
  const minutes = offset / 60_000;
  const sign = minutes < 0 ? '-' : '+';
  const zone = `${sign}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
  return `${new Date(instant + offset).toISOString().slice(0, 19)}${zone}`;
};

/** An instant as a `datetime-local` field shows it in Paris time: `YYYY-MM-DDTHH:mm`. */
export const instantToParisLocal = (instant: string): string => {
  const wall = wallClockAt(Date.parse(instant));
  return new Date(wall).toISOString().slice(0, 16);
};
