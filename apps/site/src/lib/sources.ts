import { existsSync, readFileSync } from 'node:fs';

/**
 * Where a finding's values came from, in words and as a published file. A finding's `sources` are
 * `data/reports/<day>/<form>.<district>.<csv|json|xlsx>:<line>`; the day's accepted reports are
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

const SOURCE = /^data\/reports\/(\d{4}-\d{2}-\d{2})\/([^/.]+)\.([^/.]+)\.(?:csv|json|xlsx):(\d+)$/;

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

/** One published report file of a day, as the build wrote it (see scripts/build.mjs). */
export interface PublishedReport {
  /** `<form>.<district>.csv` */
  file: string;
  form: string;
  district: string;
  /** From the site's root, without the base: `downloads/<day>/reports/<file>`. */
  path: string;
  /** Accepted rows published. */
  rows: number;
}

/** What the build published of a day's reports: written before Astro runs, read by the pages. */
export interface ReportsManifest {
  day: string;
  files: PublishedReport[];
}

/** The file, below the site's folder, the build writes the manifest to. */
export const REPORTS_MANIFEST_ENV = 'SHOUTU_REPORTS_MANIFEST';

/**
 * The reports published for `day`: none when the build published none (a results folder without
 * its project's data/reports, or `astro build` run on its own).
 */
export function getPublishedReports(day: string): PublishedReport[] {
  const file = process.env[REPORTS_MANIFEST_ENV];
  if (!file || !existsSync(file)) return [];
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as ReportsManifest;
  return manifest.day === day ? manifest.files : [];
}
