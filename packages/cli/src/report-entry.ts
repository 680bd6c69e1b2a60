/** The shapes of a report file as read (by the CSV reader or the workbook reader) and cached. */
import type { Form, Problem, Registry, ReportRow } from '@shoutu/core';

/** One report file as read and checked: what the cache keeps. */
export interface ReportEntry {
  /** Path relative to the root: `data/reports/<day>/<form>.<district>.csv`. */
  file: string;
  /** The day the file counts for in the input statistics. */
  day: string;
  rows: ReportRow[];
  problems: Problem[];
  setAsideRows: number;
  blankCells: number;
  /** The whole file was set aside. */
  setAside: boolean;
}

export interface ReportContext {
  forms: ReadonlyMap<string, Form>;
  registry: Registry;
}
