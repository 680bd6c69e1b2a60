import { z } from 'zod';

/** A calendar day, `YYYY-MM-DD`. Days are local to the city; no clock is ever read. */
export const IsoDate = z.iso.date({
  error: 'expected a date written as YYYY-MM-DD, e.g. 2020-02-02',
});
export type IsoDate = z.infer<typeof IsoDate>;

/** A local date and time, `YYYY-MM-DDTHH:MM` (seconds optional, no time zone). */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/, {
    error: 'expected a local date and time written as YYYY-MM-DDTHH:MM, e.g. 2020-02-02T11:30',
  })
  .refine((s) => isValidDay(s.slice(0, 10)) && validClock(s.slice(11)), {
    error: 'expected a real date and time',
  });

export const ClockTime = z
  .string()
  .regex(/^\d{2}:\d{2}$/, { error: 'expected a time written as HH:MM, e.g. 12:00' })
  .refine(validClock, { error: 'expected a real time of day, 00:00 to 23:59' });

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

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Every day from `from` to `to`, both included. */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Whether `day` falls in a validity period; both ends are included, an open end is forever. */
export function inForce(period: { validFrom: string; validTo?: string | undefined }, day: string) {
  return period.validFrom <= day && (period.validTo === undefined || day <= period.validTo);
}
