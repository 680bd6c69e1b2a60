import { z } from 'zod';
import { ProblemJson } from './problem.js';

/** What one report day's problems come to (`validate --json`, `evaluate --json`). */
export const DayCountJson = z.strictObject({
  day: z.iso.date(),
  /** The day has a snapshot that this run does not write: its problems are summarised. */
  published: z.boolean(),
  setAsideRows: z.int().min(0),
  setAsideFiles: z.int().min(0),
  warnings: z.int().min(0),
  /** Errors that did not only set input aside. */
  errors: z.int().min(0),
});

/** What `shoutu validate --json` prints: one object on stdout, nothing else. */
export const ValidateJson = z.strictObject({
  command: z.literal('validate'),
  exitCode: z.int(),
  /** Every problem, in file order (`--max-problems` cuts only the printed log). */
  problems: z.array(ProblemJson),
  /** What was read; absent when the registry, forms, rules or scoring method have errors. */
  counts: z
    .strictObject({
      registry: z.strictObject({ units: z.int().min(0), places: z.int().min(0) }),
      forms: z.int().min(0),
      rules: z.int().min(0),
      reports: z.strictObject({
        files: z.int().min(0),
        /** Rows accepted. */
        rows: z.int().min(0),
        /** Blank cells of required fields in accepted rows (missing values). */
        blankCells: z.int().min(0),
        setAsideFiles: z.int().min(0),
        setAsideRows: z.int().min(0),
        /** Files parsed in this run, and files unchanged since they were last checked. */
        parsed: z.int().min(0),
        unchanged: z.int().min(0),
      }),
      waivers: z.strictObject({
        accepted: z.int().min(0),
        setAsideFiles: z.int().min(0),
        setAsideWaivers: z.int().min(0),
      }),
    })
    .optional(),
  /** Every report day with problems, oldest first. */
  days: z.array(DayCountJson),
});
