import { z } from 'zod';

/** A string checked in two steps, so that each mistake gets one message of its own. */
function twoStep(
  pattern: RegExp,
  shape: string,
  real: (s: string) => boolean,
  notReal: string,
  format: string,
) {
  return z
    .string()
    .superRefine((s, ctx) => {
      if (!pattern.test(s)) ctx.addIssue({ code: 'custom', message: shape, input: s });
      else if (!real(s)) ctx.addIssue({ code: 'custom', message: `"${s}" ${notReal}` });
    })
    .meta({ format });
}

/** A calendar day, `YYYY-MM-DD`. Days are local to the city; no clock is ever read. */
export const IsoDate = twoStep(
  /^\d{4}-\d{2}-\d{2}$/,
  'expected a date written as YYYY-MM-DD, e.g. 2020-02-02',
  (s) => isValidDay(s),
  'is not a day of the calendar',
  'date',
);
export type IsoDate = z.infer<typeof IsoDate>;

/** A time of day, `HH:MM`. */
export const ClockTime = twoStep(
  /^\d{2}:\d{2}$/,
  'expected a time written as HH:MM, e.g. 12:00',
  validClock,
  'is not a time of day: expected 00:00 to 23:59',
  'time',
);

function validClock(s: string): boolean {
  const [h, m, sec] = s.split(':').map(Number);
  return h !== undefined && m !== undefined && h < 24 && m < 60 && (sec === undefined || sec < 60);
}

const DAY_MS = 86_400_000;

export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const t = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === day;
}

const shifted = new Map<string, string>();

/** The day `n` days after `day` (before, for negative `n`). Memoized: look-backs ask for the same few days millions of times. */
export function addDays(day: string, n: number): string {
  const key = `${day}|${n}`;
  let out = shifted.get(key);
  if (out === undefined) {
    out = new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
    if (shifted.size >= 100_000) shifted.clear();
    shifted.set(key, out);
  }
  return out;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The one "in force on a day" predicate: whether `day` falls between `from` and `to`, both ends
 * included; no `to` is an open end. Units and places (`validFrom`/`validTo`), rules
 * (`effective`), waivers (`start`/`expiry`) and the `rules` commands all ask it.
 */
export function inForceBetween(from: string, to: string | undefined, day: string): boolean {
  return from <= day && (to === undefined || day <= to);
}

/** Whether a unit or place is in force on `day` (its validity period, both ends included). */
export function inForce(period: { validFrom: string; validTo?: string | undefined }, day: string) {
  return inForceBetween(period.validFrom, period.validTo, day);
}
