import { z } from 'zod';

/** A problem as every `--json` output gives it (owner: the problems stream; see docs/design/authors.md §3). */
export const ProblemJson = z.strictObject({
  severity: z.enum(['error', 'warning']),
  code: z.string().regex(/^SHOUTU-[A-Z]\d{3}$/),
  file: z.string(),
  line: z.int().min(1).optional(),
  column: z.int().min(1).optional(),
  field: z.string().optional(),
  cell: z.string().optional(),
  setAside: z.enum(['row', 'file', 'waiver']).optional(),
  message: z.string(),
});
