import type { Problem } from '@shoutu/core';
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

export type ProblemJson = z.infer<typeof ProblemJson>;

/** A problem as `--json` prints it: only the fields it has, in a fixed order. */
export function problemJson(p: Problem): ProblemJson {
  return {
    severity: p.severity,
    code: p.code,
    file: p.file,
    ...(p.line !== undefined ? { line: p.line } : {}),
    ...(p.column !== undefined ? { column: p.column } : {}),
    ...(p.field !== undefined ? { field: p.field } : {}),
    ...(p.cell !== undefined ? { cell: p.cell } : {}),
    ...(p.setAside !== undefined ? { setAside: p.setAside } : {}),
    message: p.message,
  };
}
