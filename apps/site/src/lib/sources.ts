/**
 * Where a finding's values came from, in words and as a published file. A finding's `sources` are
 * `data/reports/<day>/<form>.<district>.<csv|json>:<line>`; the day's accepted reports are
 * published, personal fields removed, at `downloads/<day>/reports/<form>.<district>.csv` with a
 * first column `line` holding the source line.
 */
export interface SourceRef {
  day: string;
  form: string;
  district: string;
  /** The line of the report file (1 is a CSV file's header). */
  line: number;
  /** The source as recorded. */
  raw: string;
}

const SOURCE = /^data\/reports\/(\d{4}-\d{2}-\d{2})\/([^/.]+)\.([^/.]+)\.(?:csv|json):(\d+)$/;

/** A recorded source read as form, district, day and line; undefined when it is not of that shape. */
export function parseSource(raw: string): SourceRef | undefined {
  const m = SOURCE.exec(raw);
  if (!m) return undefined;
  const [, day, form, district, line] = m as unknown as [string, string, string, string, string];
  return { day, form, district, line: Number(line), raw };
}

/** The published report's path from the site's root, without the base: no leading slash. */
export function reportDownloadPath(day: string, form: string, district: string): string {
  return `downloads/${day}/reports/${form}.${district}.csv`;
}
