/**
 * The sizes Shoutu reads, named once. A file past a limit is set aside with a located message
 * and everything else goes on; none is read into memory before its size is known. The README's
 * "Limits" table lists these values, and a test checks that it does.
 *
 * Chosen against the benchmarks' generated projects: at a province's density (scale 265) the
 * largest report file is 1.5 MB (23,000 rows) and the largest registry file 20 MB.
 */
export const LIMITS = {
  /** Nesting of arrays and objects in any JSON file (a rule's conditions included). */
  jsonDepth: 64,
  /** Folders below `data/<kind>/` or `rules/`: `data/reports/<day>/<file>` is 2. */
  folderDepth: 8,
  /** One report file (CSV or JSON), in bytes. */
  reportBytes: 64 * 1024 * 1024,
  /** Rows in one report file. */
  reportRows: 1_000_000,
  /** Cells in one CSV row, and fields in one JSON report row. */
  rowFields: 1_000,
  /** One registry file, in bytes. */
  registryBytes: 256 * 1024 * 1024,
  /** Any other JSON file: a rule, rule test, shared condition, form, waiver file, settings. */
  jsonBytes: 16 * 1024 * 1024,
  /** Problems kept and said for one file; past it one line says how many more there were. */
  problemsPerFile: 100,
} as const;

export type LimitName = keyof typeof LIMITS;

/** A byte count in words, as the messages and the README say it: "64 MB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
