import { z } from 'zod';
import { IsoDate, inForceBetween } from './dates.js';
import { LocalizedText } from './text.js';

/**
 * One waiver: for a subject and a rule, from `start` to `expiry` (both days included), a
 * failure or missing report is shown as waived and not scored.
 */
export const Waiver = z
  .strictObject({
    /** The unit code or place id the waiver is for. */
    subject: z.string().min(1, 'expected the code of a unit or place, not empty text'),
    /** The rule id. */
    rule: z.string().min(1, 'expected a rule id, not empty text'),
    /** Why, as the approver wrote it; either one text or { "zh": …, "en": … }. */
    reason: z.union(
      [z.string().trim().min(1, 'expected a reason, not empty text'), LocalizedText],
      {
        error: 'expected the reason as text, or as text in each language, e.g. { "en": "…" }',
      },
    ),
    /** Who approved it: the office or post, never a private person's name. */
    approver: z.string().trim().min(1, 'expected the approving office, not empty text'),
    start: IsoDate,
    expiry: IsoDate,
  })
  .check((ctx) => {
    // Compared only when both are dates: a mistyped start is reported once, by itself.
    const day = /^\d{4}-\d{2}-\d{2}$/;
    if (
      day.test(ctx.value.start) &&
      day.test(ctx.value.expiry) &&
      ctx.value.expiry < ctx.value.start
    )
      ctx.issues.push({
        code: 'custom',
        input: ctx.value.expiry,
        path: ['expiry'],
        message: `expected an expiry on or after the start (${ctx.value.start})`,
      });
  });
export type Waiver = z.infer<typeof Waiver>;

/** `data/waivers/<name>.json`. */
export const WaiverFile = z.strictObject({
  $schema: z.string().optional(),
  waivers: z.array(Waiver),
});
export type WaiverFile = z.infer<typeof WaiverFile>;

/** A waiver as loaded: its reason in the project's languages and where it was written. */
export interface LoadedWaiver {
  subject: string;
  rule: string;
  reason: LocalizedText;
  approver: string;
  start: string;
  expiry: string;
  /** `data/waivers/x.json:12` */
  source: string;
}

export function inForceOn(w: Pick<LoadedWaiver, 'start' | 'expiry'>, day: string): boolean {
  return inForceBetween(w.start, w.expiry, day);
}
