import { z } from 'zod';
import { LANG_ID } from './text.js';

/** Whether the runtime knows an IANA time zone. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `data/project.json`: the project's languages and the time zone of its "today". */
export const Project = z.strictObject({
  $schema: z.string().optional(),
  /** The languages of every text; the first is the default (the site serves it at `/`). */
  languages: z
    .array(
      z.string().regex(LANG_ID, {
        error: 'expected a language id of two or three lower-case letters, e.g. "zh" or "en"',
      }),
    )
    .min(1, 'expected at least one language, e.g. ["en"]')
    .check((ctx) => {
      ctx.value.forEach((l, i) => {
        if (ctx.value.indexOf(l) !== i)
          ctx.issues.push({
            code: 'custom',
            input: l,
            path: [i],
            message: `the language "${l}" is listed twice`,
          });
      });
    }),
  /** An IANA time zone such as "Asia/Shanghai": "today" is computed in it. */
  timeZone: z.string().refine(isTimeZone, {
    error: 'expected an IANA time zone such as "Asia/Shanghai" or "Europe/Paris"',
  }),
});
export type Project = z.infer<typeof Project>;

/** The calendar day (YYYY-MM-DD) at an instant in a time zone. */
export function dayIn(timeZone: string, at: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
