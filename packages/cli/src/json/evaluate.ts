import { z } from 'zod';
import { ProblemJson } from './problem.js';
import { DayCountJson } from './validate.js';

/** One day this run evaluated. */
export const EvaluatedDayJson = z.strictObject({
  day: z.iso.date(),
  /** written: a new snapshot; unchanged: the published one stands; replaced: a new revision. */
  outcome: z.enum(['written', 'unchanged', 'replaced']),
  /** The city's score that day (null when nothing was scored). */
  cityScore: z.number().nullable(),
  revision: z.int().min(1),
});

/** What `shoutu evaluate --json` prints: one object on stdout, nothing else. */
export const EvaluateJson = z.strictObject({
  command: z.literal('evaluate'),
  exitCode: z.int(),
  /**
   * The project's and the waivers' problems, and those of the report files read, in file order;
   * problems of the run itself (a damaged snapshot, a changed scoring method) too.
   */
  problems: z.array(ProblemJson),
  /** The days evaluated, oldest first. */
  evaluated: z.array(EvaluatedDayJson),
  /** Days with reports that already had a snapshot, kept as published. */
  kept: z.int().min(0),
  /** The report files read (of the days evaluated and the days their look-backs touch). */
  reports: z
    .strictObject({
      files: z.int().min(0),
      days: z.array(z.iso.date()),
      setAsideFiles: z.int().min(0),
      setAsideRows: z.int().min(0),
    })
    .optional(),
  /** Report days read with problems, oldest first. */
  days: z.array(DayCountJson),
  /** The lines the run would print but its problems (what it read and wrote, notes, …). */
  notes: z.array(z.string()),
});
