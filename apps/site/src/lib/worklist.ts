/**
 * A day's work list: one row per failure and missing report (not waived: waived findings are not
 * work), in one language, so that a district can hand out the work. Each row names the chain of
 * units the subject lies in (one code and one name column per level from the district's down to
 * the lowest, from the registry's levels in the results, never named here), the place and its
 * supervising department for a place, the rule, its severity, the party the rule holds
 * responsible, the remediation, the deadline in words, the day it is due, the days overdue and
 * the streak. Rows are ordered most overdue first, then by severity, then down the territory.
 *
 * Written as CSV (UTF-8 with a BOM; codes of digits written `="…"`, which Excel, WPS and
 * LibreOffice show as text: a 12-digit code would otherwise open as 2.1E+11) and as .xlsx with
 * exceljs (codes as text cells, header row frozen, column widths, an autofilter).
 */

import { fixZipTimes } from '@shoutu/cli';
import {
  deadlineDays,
  type Finding,
  type LocalizedText,
  type RuleInfo,
  SEVERITIES,
} from '@shoutu/core';
import { type Key, useTranslations } from '../i18n';
import { BOM, type Cell, csvCell } from './csv';
import { explainFinding } from './downloads';
import type { DistrictDay, Results } from './results';
import { textIn } from './text';
import { responsibleParties, subjects } from './views/common';

/** A level of the territory as the results name it. */
export interface WorkLevel {
  id: string;
  name: LocalizedText;
}

export type ColumnKind = 'code' | 'text' | 'number' | 'date';

export interface WorkColumn {
  key: string;
  header: string;
  kind: ColumnKind;
  /** Width in characters, for the spreadsheet. */
  width: number;
}

export interface WorkList {
  /** The language of the headers and the words. */
  lang: string;
  day: string;
  columns: WorkColumn[];
  rows: Record<string, Cell>[];
}

/** The levels from the districts' down to the lowest, from the results' territory. */
export function workLevels(results: Results): WorkLevel[] {
  const levels = results.city.territory.levels;
  const districtLevel = results.city.districts[0]?.level ?? levels[1]?.id;
  const i = levels.findIndex((l) => l.id === districtLevel);
  return i < 0 ? [] : levels.slice(i);
}

/** A rule's deadline in words, "the same day", "within 3 days (assumed)"; or that it has none. */
export function deadlineWords(rule: Pick<RuleInfo, 'deadline'> | undefined, lang: string): string {
  const t = useTranslations(lang);
  const d = rule?.deadline;
  if (!d) return t('worklist.deadline.none');
  const days = deadlineDays(d);
  const words =
    d.hours !== undefined && d.hours < 24
      ? t('worklist.deadline.hours', { n: d.hours })
      : days === 0
        ? t('worklist.deadline.sameDay')
        : t('worklist.deadline.days', { n: days });
  const source = d.source ? textIn(d.source, lang) : '';
  const said = source ? `${words}${t('worklist.deadline.quote', { source })}` : words;
  return d.basis === 'assumed' ? `${said}${t('worklist.deadline.assumed')}` : said;
}

const severityRank = (s: string | undefined) => {
  const i = SEVERITIES.indexOf(s as (typeof SEVERITIES)[number]);
  return i < 0 ? SEVERITIES.length : i;
};

/** The columns of a work list in `lang`, for these levels (the districts' first). */
export function workColumns(levels: readonly WorkLevel[], lang: string): WorkColumn[] {
  const t = useTranslations(lang);
  const col = (key: string, header: string, kind: ColumnKind, width: number): WorkColumn => ({
    key,
    header: t.capital(header),
    kind,
    width,
  });
  return [
    ...levels.flatMap((l) => [
      col(`code:${l.id}`, t('worklist.code', { name: textIn(l.name, lang) }), 'code', 14),
      col(`name:${l.id}`, textIn(l.name, lang), 'text', 18),
    ]),
    col('placeCode', t('worklist.placeCode'), 'code', 14),
    col('place', t('worklist.place'), 'text', 22),
    col('department', t('worklist.department'), 'text', 18),
    col('rule', t('worklist.rule'), 'code', 26),
    col('ruleTitle', t('worklist.ruleTitle'), 'text', 30),
    col('severity', t('worklist.severity'), 'text', 10),
    col('status', t('worklist.status'), 'text', 12),
    col('what', t('worklist.what'), 'text', 40),
    col('responsible', t('worklist.responsible'), 'text', 22),
    col('remediation', t('worklist.remediation'), 'text', 40),
    col('deadline', t('worklist.deadline'), 'text', 16),
    col('due', t('worklist.due'), 'date', 12),
    col('overdueDays', t('worklist.overdueDays'), 'number', 10),
    col('streak', t('worklist.streak'), 'number', 10),
  ];
}

interface Item {
  finding: Finding;
  district: DistrictDay | undefined;
}

/** The rows of a work list: failures and missing reports of these districts (and the top unit's own). */
export function workRows(
  results: Results,
  districts: readonly DistrictDay[],
  levels: readonly WorkLevel[],
  lang: string,
  own: readonly Finding[] = [],
): Record<string, Cell>[] {
  const t = useTranslations(lang);
  const work = (f: Finding) => f.status === 'fail' || f.status === 'missing';
  const items: Item[] = [
    ...own.filter(work).map((finding) => ({ finding, district: undefined })),
    ...districts.flatMap((district) =>
      district.findings.filter(work).map((finding) => ({ finding, district })),
    ),
  ];
  const rows = items.map(({ finding: f, district }) => {
    const rule = results.rules.get(f.rule);
    const row: Record<string, Cell> = {};
    let primary = '';
    if (district) {
      const subject = subjects(district)(f.subject);
      const chain = [
        {
          code: district.district.code,
          level: district.district.level,
          name: district.district.name,
        },
        ...subject.chain,
      ];
      if (
        subject.level !== '' &&
        subject.level !== 'place' &&
        subject.code !== district.district.code
      )
        chain.push({ code: subject.code, level: subject.level, name: subject.name ?? { en: '' } });
      for (const u of chain) {
        row[`code:${u.level}`] = u.code;
        row[`name:${u.level}`] = textIn(u.name, lang);
      }
      if (subject.level === 'place') {
        row.placeCode = subject.code;
        row.place = subject.name ? textIn(subject.name, lang) : '';
        const dept = results.city.departments.find((d) => d.id === subject.department);
        row.department = dept ? textIn(dept.name, lang) : (subject.department ?? '');
      }
      const party = responsibleParties(results, district, subject, rule).find((p) => p.primary);
      if (party)
        primary =
          (party.name ? textIn(party.name, lang) : '') ||
          (party.role === 'department' ? party.id : party.code);
    } else {
      const top = results.city.city;
      row[`code:${top.level}`] = top.code;
      row[`name:${top.level}`] = textIn(top.name, lang);
      primary = textIn(top.name, lang);
    }
    row.rule = f.rule;
    row.ruleTitle = rule ? textIn(rule.title, lang) : '';
    row.severity = rule ? t(`severities.${rule.severity}` as Key) : '';
    row.status = t(`worklist.statuses.${f.status}` as Key);
    row.what = explainFinding(f, results, lang);
    row.responsible = primary;
    row.remediation = rule ? textIn(rule.remediation, lang) : '';
    row.deadline =
      f.due === undefined && rule?.deadline
        ? t('worklist.deadline.unrecorded')
        : deadlineWords(rule, lang);
    row.due = f.due ?? null;
    row.overdueDays = f.overdueDays ?? null;
    row.streak = f.streak ?? null;
    return { row, sort: [-(f.overdueDays ?? -1), severityRank(rule?.severity)] as const, f };
  });
  const chainKey = (r: Record<string, Cell>) =>
    [...levels.map((l) => String(r[`code:${l.id}`] ?? '')), String(r.placeCode ?? '')].join('\0');
  rows.sort((a, b) => {
    const d = a.sort[0] - b.sort[0] || a.sort[1] - b.sort[1];
    if (d !== 0) return d;
    const ca = chainKey(a.row);
    const cb = chainKey(b.row);
    if (ca !== cb) return ca < cb ? -1 : 1;
    if (a.f.rule !== b.f.rule) return a.f.rule < b.f.rule ? -1 : 1;
    return a.f.status < b.f.status ? -1 : a.f.status > b.f.status ? 1 : 0;
  });
  return rows.map((r) => r.row);
}

/** A district's work list in `lang`. */
export function districtWorkList(results: Results, district: DistrictDay, lang: string): WorkList {
  const levels = workLevels(results);
  return {
    lang,
    day: district.day,
    columns: workColumns(levels, lang),
    rows: workRows(results, [district], levels, lang),
  };
}

/** The whole city's work list in `lang`: every district's, and the top unit's own first. */
export function cityWorkList(results: Results, lang: string): WorkList {
  const levels = workLevels(results);
  const top = results.city.territory.levels[0];
  const all = top ? [top, ...levels.filter((l) => l.id !== top.id)] : levels;
  const districts = results.city.districts
    .map((d) => results.districts.get(d.code))
    .filter((d): d is DistrictDay => d !== undefined);
  return {
    lang,
    day: results.day,
    columns: workColumns(all, lang),
    rows: workRows(results, districts, levels, lang, results.city.findings),
  };
}

/** Digits only: a code Excel would read as a number (and lose its leading zeros or digits). */
const NUMERIC = /^\d+$/;

/** One CSV field of a work list: codes of digits as `="…"`, which spreadsheets keep as text. */
export function workCell(value: Cell, kind: ColumnKind): string {
  if (kind === 'code' && typeof value === 'string' && NUMERIC.test(value)) return `"=""${value}"""`;
  return csvCell(value);
}

/** The work list as CSV: a BOM, the header in the list's language, CRLF lines. */
export function workListCsv(list: WorkList): string {
  let out = BOM;
  out += `${list.columns.map((c) => csvCell(c.header)).join(',')}\r\n`;
  for (const row of list.rows)
    out += `${list.columns.map((c) => workCell(row[c.key], c.kind)).join(',')}\r\n`;
  return out;
}

/**
 * The work list as .xlsx: one sheet, codes as text cells (format `@`), the header row bold and
 * frozen, column widths, an autofilter over the header. The same list gives the same bytes: the
 * workbook's dates are the day's, and the zip's entries carry a fixed time (see `fixZipTimes`).
 */
export async function workListXlsx(
  list: WorkList,
  title: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const day = new Date(`${list.day}T00:00:00Z`);
  book.creator = 'Shoutu';
  book.lastModifiedBy = 'Shoutu';
  book.created = day;
  book.modified = day;
  book.title = title;
  const sheet = book.addWorksheet(list.day, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  sheet.columns = list.columns.map((c) => ({
    key: c.key,
    header: c.header,
    width: c.width,
    ...(c.kind === 'code' ? { style: { numFmt: '@' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of list.rows)
    sheet.addRow(
      Object.fromEntries(
        list.columns.map((c) => {
          const v = row[c.key];
          return [c.key, v === null || v === undefined ? null : c.kind === 'code' ? String(v) : v];
        }),
      ),
    );
  if (list.columns.length > 0)
    sheet.autoFilter = {
      from: { row: 1, column: 1 },
      to: { row: 1, column: list.columns.length },
    };
  const buffer = await book.xlsx.writeBuffer();
  return fixZipTimes(new Uint8Array(buffer as ArrayBuffer), day);
}

/** The .xlsx download of a work list, its title naming the unit and the day. */
export async function workListResponse(list: WorkList, name: LocalizedText): Promise<Response> {
  const t = useTranslations(list.lang);
  const title = t('worklist.sheetTitle', { name: textIn(name, list.lang), day: list.day });
  return new Response(await workListXlsx(list, title), {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    },
  });
}

/**
 * Where a work list is, from the site's root: the latest day's (the city's or a district's, CSV or
 * .xlsx) under `downloads/latest/`; a past day's (a district's, as gzipped CSV like the day's other
 * CSV files) under `archive/<day>/district/<code>/`.
 */
export function workListPath(
  lang: string,
  format: 'csv' | 'xlsx' | 'csv.gz',
  district?: string,
  day?: string,
): string {
  const seg = encodeURIComponent;
  const base =
    day !== undefined
      ? `archive/${seg(day)}/district/${seg(district ?? '')}/`
      : district === undefined
        ? 'downloads/latest/'
        : `downloads/latest/district/${seg(district)}/`;
  return `${base}worklist.${lang}.${format}`;
}
