/**
 * A day's accepted reports as published files (`downloads/<day>/reports/<form>.<district>.csv`):
 * the rows the report reader accepted (rows it set aside are not published), with a first column
 * `line` holding the line of the source file, so that a finding's "row 8" is found by its number.
 * Personal fields (a form marks them `personal: true`) are never published: the reader never keeps
 * their values, and their columns are not written either.
 *
 * Run by scripts/build.mjs before Astro, through the CLI's own report reader (the same reading
 * that evaluation did), for the latest day with a published snapshot.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Form, formatProblem, type Problem } from '@shoutu/core';
import { toCsv } from './csv';
import {
  type PublishedReport,
  parseSource,
  type ReportsManifest,
  reportDownloadPath,
} from './sources';

/** The accepted rows of one report file, as the report reader gives them. */
export interface AcceptedRows {
  form: string;
  district: string;
  rows: readonly {
    line: number;
    subject: string;
    submittedAt: string | null;
    late: boolean;
    values: Readonly<Record<string, number | string | boolean | null>>;
  }[];
}

/** The published file's columns: line, subject, submitted_at, late, then the form's fields but personal ones. */
export function reportColumns(form: Pick<Form, 'fields'>): string[] {
  return [
    'line',
    'subject',
    'submitted_at',
    'late',
    ...form.fields.filter((f) => !f.personal).map((f) => f.id),
  ];
}

/** One report file as CSV: its accepted rows by line, personal fields left out. */
export function reportCsv(form: Pick<Form, 'fields'>, report: AcceptedRows): string {
  const fields = form.fields.filter((f) => !f.personal).map((f) => f.id);
  const rows = [...report.rows]
    .sort((a, b) => a.line - b.line)
    .map((r) => [
      r.line,
      r.subject,
      r.submittedAt,
      r.late,
      ...fields.map((f) => r.values[f] ?? null),
    ]);
  return toCsv(reportColumns(form), rows);
}

/**
 * Writes a day's reports below `out` (at their published paths) and returns the manifest. Reports
 * of a form the project no longer has are not published (their fields cannot be told personal or not).
 */
export function publishReports(
  out: string,
  day: string,
  forms: ReadonlyMap<string, Pick<Form, 'fields'>>,
  reports: readonly AcceptedRows[],
): ReportsManifest {
  const files: PublishedReport[] = [];
  for (const report of [...reports].sort((a, b) =>
    a.form === b.form ? (a.district < b.district ? -1 : 1) : a.form < b.form ? -1 : 1,
  )) {
    const form = forms.get(report.form);
    if (!form || report.rows.length === 0) continue;
    const path = reportDownloadPath(day, report.form, report.district);
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), reportCsv(form, report));
    files.push({
      file: `${report.form}.${report.district}.csv`,
      form: report.form,
      district: report.district,
      path,
      rows: report.rows.length,
    });
  }
  return { day, files };
}

/** The errors among `problems`, a line each, as the CLI says them. */
const said = (problems: readonly Problem[]) =>
  problems
    .filter((p) => p.severity === 'error')
    .map(formatProblem)
    .join('\n');

/** Why a day's reports could not be published: the build prints the message and stops. */
export class PublishError extends Error {
  override name = 'PublishError';
}

/**
 * Reads `day`'s report files of the project at `root` through the CLI's report reader (the reading
 * evaluation did: files set aside whole and rows set aside are left out) and publishes them below
 * `out`. A day the project has no reports folder for publishes nothing.
 */
export async function publishDayReports(
  root: string,
  day: string,
  out: string,
): Promise<ReportsManifest> {
  if (!existsSync(join(root, 'data/reports', day))) return { day, files: [] };
  const cli = await import('@shoutu/cli');
  const settings = await cli.loadProjectFile(root);
  if (!settings.value)
    throw new PublishError(`could not publish the reports of ${day}:\n${said(settings.problems)}`);
  const registry = await cli.loadRegistry(root);
  if (!registry.value)
    throw new PublishError(`could not publish the reports of ${day}:\n${said(registry.problems)}`);
  const forms = await cli.loadForms(root, registry.value);
  const ctx = { forms: forms.value ?? new Map<string, Form>(), registry: registry.value };
  const reports: AcceptedRows[] = [];
  for (const rel of cli.listReports(root).files.get(day) ?? []) {
    const source = parseSource(`data/reports/${rel}:1`);
    if (!source) continue;
    const entry = cli.readReport(root, rel, ctx);
    if (entry.setAside) continue;
    reports.push({ form: source.form, district: source.district, rows: entry.rows });
  }
  return publishReports(out, day, ctx.forms, reports);
}
