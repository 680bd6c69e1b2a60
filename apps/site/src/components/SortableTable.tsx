/** @jsxImportSource react */
/**
 * Sorting and filtering for a table that the page renders in full (pass it as children; the page
 * works the same without JavaScript). Its props are only the labels: the rows stay in the HTML
 * and are read from it, so nothing of the data is serialised twice.
 *
 * With JavaScript, the headers marked `data-sort="num"` or `data-sort="text"` become buttons
 * that sort the rows (the header carries `aria-sort`), and a text box filters the rows by their
 * row header (or `data-filter` on the row). A cell's `data-v` is its sort value (empty: no value,
 * always last); without it the cell's text is used. A header's `data-first` says which way its
 * first click sorts (numbers: descending, text: ascending), and `data-sorted` marks the column the
 * server-rendered order follows. A table with several `<tbody>` is sorted and filtered by group:
 * each group's first row leads it, and the rows under it are sorted among themselves.
 */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

export interface Props {
  /** The text box's label and hint. */
  filterLabel: string;
  filterHint: string;
  /** How many rows show, with `{shown}` and `{total}`. */
  shown: string;
  /** The title of a sorting button. */
  sortBy: string;
  children?: ReactNode;
}

type Direction = 'ascending' | 'descending';
interface Sort {
  col: number;
  dir: Direction;
}

let collator: Intl.Collator | undefined;
/** Names sort in the page's language: pinyin order on the Chinese pages. */
function collate(a: string, b: string): number {
  collator ??= new Intl.Collator(document.documentElement.lang || undefined, { numeric: true });
  return collator.compare(a, b);
}

function headers(table: HTMLTableElement): HTMLTableCellElement[] {
  const rows = table.tHead?.rows;
  const last = rows?.[rows.length - 1];
  return last ? [...last.cells] : [];
}

/** The groups that move together: each `<tbody>` of a grouped table, or each row. */
function groups(table: HTMLTableElement): HTMLTableRowElement[][] {
  const bodies = [...table.tBodies];
  if (bodies.length > 1) return bodies.map((b) => [...b.rows]);
  return [...(bodies[0]?.rows ?? [])].map((r) => [r]);
}

function value(row: HTMLTableRowElement, col: number, numeric: boolean): number | string | null {
  const cell = row.cells[col];
  if (!cell) return null;
  const raw = cell.dataset.v ?? cell.textContent?.trim() ?? '';
  if (raw === '') return null;
  if (!numeric) return raw;
  const n = Number(raw.replace(/\u2212/g, '-').replace(/[^\d.+-]/g, ''));
  return Number.isFinite(n) ? n : null;
}

function compare(numeric: boolean, dir: Direction) {
  return (a: number | string | null, b: number | string | null) => {
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    const order = numeric ? (a as number) - (b as number) : collate(String(a), String(b));
    return dir === 'ascending' ? order : -order;
  };
}

function sortTable(table: HTMLTableElement, { col, dir }: Sort): void {
  const numeric = headers(table)[col]?.dataset.sort === 'num';
  const cmp = compare(numeric, dir);
  // Stable: ties keep the order they had, so sorting by one column then another works.
  const byRow = (a: HTMLTableRowElement, b: HTMLTableRowElement) =>
    cmp(value(a, col, numeric), value(b, col, numeric));
  const all = groups(table);
  const grouped = table.tBodies.length > 1;
  const sorted = [...all].sort((a, b) => byRow(a[0]!, b[0]!));
  if (grouped) {
    for (const group of sorted) {
      const [head, ...rest] = group;
      const body = head?.parentElement;
      if (!body) continue;
      body.append(...rest.sort(byRow));
      table.append(body);
    }
  } else {
    const body = table.tBodies[0];
    body?.append(...sorted.map((g) => g[0]!));
  }
}

function rowText(row: HTMLTableRowElement): string {
  const text = row.dataset.filter ?? row.querySelector('th')?.textContent ?? row.textContent ?? '';
  return text.toLocaleLowerCase();
}

/** Hides the rows that do not match; returns how many rows show and how many there are. */
function filterTable(table: HTMLTableElement, query: string): [number, number] {
  const q = query.trim().toLocaleLowerCase();
  let shown = 0;
  let total = 0;
  for (const [head, ...rest] of groups(table)) {
    if (!head) continue;
    const headMatch = q === '' || rowText(head).includes(q);
    let anyRest = false;
    for (const row of rest) {
      const match = headMatch || rowText(row).includes(q);
      row.hidden = !match;
      anyRest ||= match;
    }
    const visible = headMatch || anyRest;
    head.hidden = !visible;
    const body = head.parentElement;
    if (table.tBodies.length > 1 && body instanceof HTMLTableSectionElement) body.hidden = !visible;
    total += 1 + rest.length;
    if (visible) shown += 1 + rest.filter((r) => !r.hidden).length;
  }
  return [shown, total];
}

export default function SortableTable({ filterLabel, filterHint, shown, sortBy, children }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const inputId = useId();
  const [ready, setReady] = useState(false);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort | null>(null);
  const [count, setCount] = useState<[number, number]>([0, 0]);

  // Once: the sortable headers become buttons.
  useEffect(() => {
    const table = root.current?.querySelector('table');
    if (!table) return;
    const cleanups: (() => void)[] = [];
    headers(table).forEach((th, col) => {
      const type = th.dataset.sort;
      if (type !== 'num' && type !== 'text') return;
      const first: Direction =
        th.dataset.first === 'ascending' || th.dataset.first === 'descending'
          ? th.dataset.first
          : type === 'num'
            ? 'descending'
            : 'ascending';
      const button = document.createElement('button');
      button.type = 'button';
      button.title = sortBy;
      button.className =
        'inline-flex min-h-6 cursor-pointer items-center gap-1 py-0.5 font-semibold text-blue-800 underline decoration-dotted underline-offset-2';
      const mark = document.createElement('span');
      mark.setAttribute('aria-hidden', 'true');
      mark.className = 'sort-mark text-slate-500 no-underline';
      button.append(...th.childNodes, mark);
      th.append(button);
      const sorted = th.dataset.sorted;
      if (sorted === 'ascending' || sorted === 'descending') setSort({ col, dir: sorted });
      const onClick = () =>
        setSort((prev) => ({
          col,
          dir: prev?.col === col ? (prev.dir === 'ascending' ? 'descending' : 'ascending') : first,
        }));
      button.addEventListener('click', onClick);
      cleanups.push(() => {
        button.removeEventListener('click', onClick);
        mark.remove();
        th.append(...button.childNodes);
        button.remove();
      });
    });
    setCount(filterTable(table, ''));
    setReady(true);
    return () => {
      for (const cleanup of cleanups) cleanup();
    };
  }, [sortBy]);

  useEffect(() => {
    const table = root.current?.querySelector('table');
    if (!table || !ready) return;
    headers(table).forEach((th, col) => {
      const mark = th.querySelector('.sort-mark');
      if (sort && sort.col === col) {
        th.setAttribute('aria-sort', sort.dir);
        if (mark) mark.textContent = sort.dir === 'ascending' ? '▲' : '▼';
      } else {
        th.removeAttribute('aria-sort');
        if (mark) mark.textContent = th.dataset.sort ? '↕' : '';
      }
    });
    if (sort) sortTable(table, sort);
  }, [sort, ready]);

  useEffect(() => {
    const table = root.current?.querySelector('table');
    if (table && ready) setCount(filterTable(table, query));
  }, [query, ready]);

  return (
    <div ref={root}>
      {ready && (
        <p className="no-print mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
          <label htmlFor={inputId}>{filterLabel}</label>
          <input
            id={inputId}
            type="search"
            value={query}
            placeholder={filterHint}
            onChange={(e) => setQuery(e.target.value)}
            className="w-56 max-w-full rounded-sm border border-slate-400 px-2 py-1"
          />
          <span role="status" className="text-slate-600">
            {shown.replace('{shown}', String(count[0])).replace('{total}', String(count[1]))}
          </span>
        </p>
      )}
      {children}
    </div>
  );
}
