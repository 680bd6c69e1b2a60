/**
 * Blank report templates (issue 13, stream C), generated from a form's definition: a CSV file (the
 * header row a unit fills in) and an .xlsx workbook for offices that gather reports in Excel or
 * WPS. The workbook's first sheet has the field ids in row 1 (what the reader reads) and the labels
 * in every project language in row 2 (skipped by the reader), both locked; from row 3 the data
 * cells are unlocked, with data validation from the field's type (whole numbers and ranges,
 * decimals, yes/no lists, dates, times, option lists) and a prompt saying what is expected; the
 * panes are frozen below the labels and right of the subject column. A second sheet explains the
 * form, each field, and how to fill in and save the file. The same form gives the same bytes.
 */
import {
  type Form,
  type FormField,
  type LocalizedText,
  type MeasurementUnit,
  SUBJECT_COLUMN,
  SUBMITTED_COLUMN,
  textIn,
} from '@shoutu/core';
import type { DataValidation, Workbook, Worksheet } from 'exceljs';
import { unzipSync, zipSync } from 'fflate';

/** The rows of a template with validation and unlocked cells (row 3 on). */
export const TEMPLATE_ROWS = 5000;

/** The workbook's dates and the zip entries' times: fixed, so that a form gives the same bytes. */
const FIXED_DATE = new Date('2020-01-01T00:00:00Z');

/** The words of the templates, in the languages Shoutu has them in; other languages read English. */
const WORDS = {
  zh: {
    instructions: '说明',
    subject: '填报对象代码',
    submittedAt: '提交时间',
    form: '报表',
    filledBy: '填报对象',
    level: (id: string) => `每个${id}一行`,
    placeTypes: (ids: string) => `每个场所一行（类型：${ids}）`,
    due: '截止时间',
    dueValue: (t: string) => `当天 ${t} 前`,
    field: '字段',
    label: '名称',
    type: '类型',
    unit: '单位',
    allowed: '取值',
    required: '必填',
    personal: '个人信息',
    yes: '是',
    no: '否',
    types: {
      integer: '整数',
      number: '数字',
      boolean: '是/否',
      text: '文本',
      date: '日期 (YYYY-MM-DD)',
      time: '时间 (HH:MM)',
      enum: '选项',
    },
    codeType: '代码（文本）',
    dateTimeType: '日期时间 (YYYY-MM-DD HH:MM)',
    how: '如何填写和保存',
    steps: (form: string) => [
      '第 1 行（字段代码）和第 2 行（名称）请勿修改；从第 3 行起每行填写一个填报对象。',
      '日期写作 YYYY-MM-DD，时间写作 HH:MM；是/否填“是”或“否”。不填的单元格视为缺报该项。',
      `另存为 Excel 工作簿 (*.xlsx)，文件名为 ${form}.<区代码>.xlsx；或另存为“CSV UTF-8 (逗号分隔)”，文件名为 ${form}.<区代码>.csv。`,
      '个人信息字段只做校验，随后删除，不会公开。',
    ],
    prompt: '应填',
    errorTitle: '取值不符',
  },
  en: {
    instructions: 'instructions',
    subject: 'code of the unit or place',
    submittedAt: 'submitted at',
    form: 'form',
    filledBy: 'filled in by',
    level: (id: string) => `one row for each ${id}`,
    placeTypes: (ids: string) => `one row for each place (types: ${ids})`,
    due: 'due',
    dueValue: (t: string) => `by ${t} on the day`,
    field: 'field',
    label: 'label',
    type: 'type',
    unit: 'unit',
    allowed: 'allowed values',
    required: 'required',
    personal: 'personal',
    yes: 'yes',
    no: 'no',
    types: {
      integer: 'whole number',
      number: 'number',
      boolean: 'yes/no',
      text: 'text',
      date: 'date (YYYY-MM-DD)',
      time: 'time (HH:MM)',
      enum: 'one of the options',
    },
    codeType: 'code (text)',
    dateTimeType: 'date and time (YYYY-MM-DD HH:MM)',
    how: 'How to fill in and save',
    steps: (form: string) => [
      'Leave row 1 (field ids) and row 2 (labels) as they are; from row 3, one row for each unit or place.',
      'Write dates as YYYY-MM-DD and times as HH:MM; yes/no as yes or no. A cell left blank is a missing value of that field.',
      `Save as an Excel workbook (*.xlsx) named ${form}.<district code>.xlsx, or as "CSV UTF-8 (Comma delimited)" named ${form}.<district code>.csv.`,
      'Personal fields are checked, then dropped: they are never published.',
    ],
    prompt: 'Expected',
    errorTitle: 'Not allowed',
  },
};
type Words = (typeof WORDS)['en'];
const wordsIn = (lang: string): Words => (lang === 'zh' ? WORDS.zh : WORDS.en);

export interface TemplateOptions {
  /** The project's languages, the first the default (`data/project.json`). */
  languages: readonly string[];
  /** The registry's measurement units, to name a field's unit in words. */
  measurementUnits?: ReadonlyMap<string, MeasurementUnit> | undefined;
}

/** The columns of a form's report: subject, submitted_at, then its fields in order. */
export function templateColumns(form: Pick<Form, 'fields'>): string[] {
  return [SUBJECT_COLUMN, SUBMITTED_COLUMN, ...form.fields.map((f) => f.id)];
}

/** The blank CSV template: UTF-8 with a byte order mark (so that Excel reads it as UTF-8), one header line. */
export function templateCsv(form: Pick<Form, 'fields'>): string {
  return `\uFEFF${templateColumns(form).join(',')}\r\n`;
}

const distinct = (xs: string[]) => [...new Set(xs.filter((x) => x !== ''))];

/** "households_visited / 已走访户数 / households visited": the id, then the label in each language. */
function labelCell(id: string, label: (lang: string) => string, languages: readonly string[]) {
  return [id, ...distinct(languages.map(label))].join(' / ');
}

const inAll = (text: LocalizedText | undefined, languages: readonly string[]) =>
  text ? distinct(languages.map((l) => textIn(text, l))).join(' / ') : '';

const unitIn = (field: FormField, lang: string, options: TemplateOptions) => {
  if (!field.unit) return '';
  const u = options.measurementUnits?.get(field.unit);
  return u ? textIn(u.name, lang) : field.unit;
};

/** What a field allows, in a language: "0–100", "≥ 0", the options. */
function allowedIn(field: FormField, lang: string): string {
  const w = wordsIn(lang);
  if (field.type === 'boolean') return `${w.yes} / ${w.no}`;
  if (field.options) return field.options.join(', ');
  if (field.min !== undefined && field.max !== undefined) return `${field.min}–${field.max}`;
  if (field.min !== undefined) return `≥ ${field.min}`;
  if (field.max !== undefined) return `≤ ${field.max}`;
  return '';
}

/** A field's expectation in every language, for the cell prompt and the error message. */
function expectationOf(field: FormField, options: TemplateOptions): string {
  return distinct(
    options.languages.map((l) => {
      const w = wordsIn(l);
      const unit = unitIn(field, l, options);
      return [w.types[field.type], allowedIn(field, l), unit ? `(${unit})` : '']
        .filter(Boolean)
        .join(' ');
    }),
  ).join(' / ');
}

const limit = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** The data validation of a field's column, from its type; undefined for free text. */
function validationOf(field: FormField, options: TemplateOptions): DataValidation | undefined {
  const expected = expectationOf(field, options);
  const title = distinct(options.languages.map((l) => wordsIn(l).errorTitle)).join(' / ');
  const promptTitle = distinct(options.languages.map((l) => wordsIn(l).prompt)).join(' / ');
  const common = {
    allowBlank: true,
    showInputMessage: true,
    showErrorMessage: true,
    promptTitle: limit(promptTitle, 32),
    prompt: limit(expected, 255),
    errorTitle: limit(title, 32),
    error: limit(expected, 255),
    errorStyle: 'stop',
  };
  const range = (type: 'whole' | 'decimal'): DataValidation => {
    const { min, max } = field;
    if (min !== undefined && max !== undefined)
      return { ...common, type, operator: 'between', formulae: [min, max] };
    if (min !== undefined)
      return { ...common, type, operator: 'greaterThanOrEqual', formulae: [min] };
    if (max !== undefined) return { ...common, type, operator: 'lessThanOrEqual', formulae: [max] };
    return {
      ...common,
      type,
      operator: 'between',
      formulae: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    };
  };
  const list = (values: string[]): DataValidation | undefined => {
    // A list is written into the validation itself: at most 255 characters, no commas in a value.
    const formula = `"${values.map((v) => v.replace(/"/g, '""')).join(',')}"`;
    if (values.some((v) => v.includes(',')) || formula.length > 255) return undefined;
    return { ...common, type: 'list', formulae: [formula] };
  };
  switch (field.type) {
    case 'integer':
      return range('whole');
    case 'number':
      return range('decimal');
    case 'boolean':
      return list(distinct(options.languages.flatMap((l) => [wordsIn(l).yes, wordsIn(l).no])));
    case 'enum':
      return field.options ? list(field.options) : undefined;
    case 'date':
      // Excel's day 1 (1900-01-01) onwards: anything typed as a date.
      return { ...common, type: 'date', operator: 'greaterThanOrEqual', formulae: [FIXED_EPOCH] };
    case 'time':
      return {
        ...common,
        type: 'decimal',
        operator: 'between',
        formulae: [0, 0.999988425925926],
      };
    case 'text':
      return undefined;
  }
}
const FIXED_EPOCH = new Date('1900-01-01T00:00:00Z');

/** `submitted_at`: a date and time. */
function dateTimeValidation(options: TemplateOptions): DataValidation {
  const expected = distinct(options.languages.map((l) => wordsIn(l).dateTimeType)).join(' / ');
  return {
    allowBlank: true,
    showInputMessage: true,
    showErrorMessage: true,
    promptTitle: limit(distinct(options.languages.map((l) => wordsIn(l).prompt)).join(' / '), 32),
    prompt: limit(expected, 255),
    errorTitle: limit(
      distinct(options.languages.map((l) => wordsIn(l).errorTitle)).join(' / '),
      32,
    ),
    error: limit(expected, 255),
    errorStyle: 'stop',
    type: 'date',
    operator: 'greaterThanOrEqual',
    formulae: [FIXED_EPOCH],
  };
}

/** The number format of a field's column: text for codes and text, the ISO forms for dates and times. */
function formatOf(field: FormField | 'subject' | 'submitted'): string | undefined {
  if (field === 'subject') return '@';
  if (field === 'submitted') return 'yyyy-mm-dd hh:mm';
  switch (field.type) {
    case 'text':
    case 'enum':
      return '@';
    case 'date':
      return 'yyyy-mm-dd';
    case 'time':
      return 'hh:mm';
    default:
      return undefined;
  }
}

type RangeValidations = { dataValidations: { add(range: string, v: DataValidation): void } };

/** The first sheet: ids, labels, validation, locked header, frozen panes. */
async function reportSheet(book: Workbook, form: Form, options: TemplateOptions): Promise<void> {
  const { languages } = options;
  const sheet = book.addWorksheet(limit(form.id, 31), {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 2 }],
  });
  const columns: {
    id: string;
    label: string;
    format: string | undefined;
    validation?: DataValidation | undefined;
  }[] = [
    {
      id: SUBJECT_COLUMN,
      label: labelCell(SUBJECT_COLUMN, (l) => wordsIn(l).subject, languages),
      format: formatOf('subject'),
    },
    {
      id: SUBMITTED_COLUMN,
      label: labelCell(SUBMITTED_COLUMN, (l) => wordsIn(l).submittedAt, languages),
      format: formatOf('submitted'),
      validation: dateTimeValidation(options),
    },
    ...form.fields.map((f) => ({
      id: f.id,
      label: labelCell(f.id, (l) => textIn(f.label, l), languages),
      format: formatOf(f),
      validation: validationOf(f, options),
    })),
  ];
  sheet.columns = columns.map((c) => ({
    key: c.id,
    width: Math.min(40, Math.max(14, c.id.length + 4)),
    style: {
      ...(c.format ? { numFmt: c.format } : {}),
      protection: { locked: false },
    },
  }));
  const ids = sheet.getRow(1);
  const labels = sheet.getRow(2);
  columns.forEach((c, i) => {
    const id = ids.getCell(i + 1);
    id.value = c.id;
    id.font = { bold: true };
    id.protection = { locked: true };
    id.numFmt = '@';
    const label = labels.getCell(i + 1);
    label.value = c.label;
    label.font = { italic: true, color: { argb: 'FF555555' } };
    label.alignment = { wrapText: true, vertical: 'top' };
    label.protection = { locked: true };
    label.numFmt = '@';
    if (c.validation) {
      const letter = sheet.getColumn(i + 1).letter;
      // Typed by exceljs's index.d.ts only per cell; a range is one `sqref` in the file.
      (sheet as unknown as RangeValidations).dataValidations.add(
        `${letter}3:${letter}${TEMPLATE_ROWS + 2}`,
        c.validation,
      );
    }
  });
  // Protected without a password: the header cannot be changed by mistake, the data cells can be
  // filled in, rows added and sorted; anyone may lift it (Review › Unprotect Sheet).
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: true,
    deleteRows: true,
    sort: true,
    autoFilter: true,
  });
}

/** The second sheet: what the form is, one line per field, how to fill in and save. */
function instructionsSheet(book: Workbook, form: Form, options: TemplateOptions): Worksheet {
  const { languages } = options;
  const name = limit(distinct(languages.map((l) => wordsIn(l).instructions)).join(' '), 31);
  const sheet = book.addWorksheet(name);
  sheet.columns = [
    { width: 24 },
    { width: 36 },
    { width: 28 },
    { width: 16 },
    { width: 22 },
    { width: 10 },
    { width: 10 },
  ];
  const both = (pick: (w: Words) => string) =>
    distinct(languages.map((l) => pick(wordsIn(l)))).join(' / ');
  const bold = (row: ReturnType<Worksheet['addRow']>) => {
    row.font = { bold: true };
  };
  bold(sheet.addRow([both((w) => w.form), `${inAll(form.title, languages)} (${form.id})`]));
  if (form.description) sheet.addRow(['', inAll(form.description, languages)]);
  const s = form.subjects;
  sheet.addRow([
    both((w) => w.filledBy),
    both((w) =>
      s.kind === 'territory' ? w.level(s.level) : w.placeTypes(s.placeTypes.join(', ')),
    ),
  ]);
  if (form.due) sheet.addRow([both((w) => w.due), both((w) => w.dueValue(form.due ?? ''))]);
  sheet.addRow([]);
  bold(
    sheet.addRow([
      both((w) => w.field),
      both((w) => w.label),
      both((w) => w.type),
      both((w) => w.unit),
      both((w) => w.allowed),
      both((w) => w.required),
      both((w) => w.personal),
    ]),
  );
  const mark = (b: boolean) => (b ? '✓' : '');
  sheet.addRow([SUBJECT_COLUMN, both((w) => w.subject), both((w) => w.codeType), '', '', '✓', '']);
  sheet.addRow([
    SUBMITTED_COLUMN,
    both((w) => w.submittedAt),
    both((w) => w.dateTimeType),
    '',
    '',
    '',
    '',
  ]);
  for (const f of form.fields)
    sheet.addRow([
      f.id,
      inAll(f.label, languages),
      both((w) => w.types[f.type]),
      distinct(languages.map((l) => unitIn(f, l, options))).join(' / '),
      distinct(languages.map((l) => allowedIn(f, l))).join(' / '),
      mark(f.required),
      mark(f.personal),
    ]);
  for (const lang of distinct(languages.map((l) => (wordsIn(l) === WORDS.zh ? 'zh' : 'en')))) {
    const w = wordsIn(lang);
    sheet.addRow([]);
    bold(sheet.addRow([w.how]));
    w.steps(form.id).forEach((step, i) => {
      sheet.addRow([`${i + 1}.`, step]);
    });
  }
  for (const c of [2, 3, 5]) sheet.getColumn(c).alignment = { wrapText: true, vertical: 'top' };
  return sheet;
}

/**
 * The .xlsx template of a form. Byte-stable: the workbook's dates are fixed, and the zip's entries
 * are packed again with a fixed time (exceljs stamps them with the clock).
 */
export async function templateXlsx(
  form: Form,
  options: TemplateOptions,
): Promise<Uint8Array<ArrayBuffer>> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Shoutu';
  book.lastModifiedBy = 'Shoutu';
  book.created = FIXED_DATE;
  book.modified = FIXED_DATE;
  book.title = inAll(form.title, options.languages);
  await reportSheet(book, form, options);
  instructionsSheet(book, form, options);
  const buffer = await book.xlsx.writeBuffer();
  return fixZipTimes(new Uint8Array(buffer as ArrayBuffer), FIXED_DATE);
}

/**
 * A zip with every entry's time set to `when` (its day's midnight, UTC): exceljs stamps the
 * entries with the clock, and the same workbook must give the same bytes. Unpacked and packed
 * again with fflate, in the same order. The site's work lists use it too.
 */
export function fixZipTimes(zip: Uint8Array, when: Date): Uint8Array<ArrayBuffer> {
  const entries = unzipSync(zip);
  const mtime = new Date(when.getUTCFullYear(), when.getUTCMonth(), when.getUTCDate());
  return new Uint8Array(zipSync(entries, { level: 6, mtime }));
}
