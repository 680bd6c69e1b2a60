import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { expect, test } from 'vitest';
import { csvField, splitCsv } from '../src/results-csv.js';

// Text that needs quoting, formula-like text, non-Latin text, and numbers of every shape.
const CELLS: unknown[] = [
  'plain',
  '',
  'a,b',
  'say "hi"',
  'two\nlines',
  'cr\rlf\r\n',
  '=SUM(A1)',
  '-5',
  '大连市',
  ' spaced ',
  0,
  -0,
  -2.5,
  87.25,
  1e21,
  1e-7,
  true,
  false,
  null,
];

test('fields are written as csv-stringify writes them, with "" only for the empty string', () => {
  const ours = `${CELLS.map((c) => csvField(c)).join(',')}\n`;
  const theirs = stringify([CELLS], {
    record_delimiter: 'unix',
    quoted_match: /^$/,
    cast: { boolean: (b) => (b ? 'true' : 'false'), number: (n) => String(n) },
  });
  expect(ours).toBe(theirs);
});

test('lists are one JSON cell', () => {
  expect(csvField(['a "b"', 1], 'json')).toBe('"[""a \\""b\\"""",1]"');
  expect(csvField([], 'json')).toBe('[]');
});

test('records are split as csv-parse splits them, each with the line it starts on', () => {
  const rand = pureRand(7);
  const pieces = ['a', '大', ',', '"', '\n', '\r\n', ' ', '', '=1', '-2.5'];
  for (let n = 0; n < 300; n++) {
    const width = 1 + (rand() % 4);
    const rows = Array.from({ length: 1 + (rand() % 5) }, () =>
      Array.from({ length: width }, () =>
        Array.from({ length: rand() % 4 }, () => pieces[rand() % pieces.length]).join(''),
      ),
    );
    const lines = rows.map((r) => `${r.map((c) => csvField(c)).join(',')}\n`);
    const text = lines.join('');
    const theirs = parse(text) as string[][];
    const ours = splitCsv(text);
    expect(ours.map((r) => r.record)).toEqual(theirs);
    expect(ours.map((r) => r.record)).toEqual(rows);
    // A record starts on the line after the line breaks of the records before it.
    let before = 1;
    const starts = lines.map((l) => {
      const at = before;
      before += l.split('\n').length - 1;
      return at;
    });
    expect(ours.map((r) => r.line)).toEqual(starts);
  }
});

test('text that is not CSV is named by the line of the record at fault', () => {
  const problem = (text: string) => {
    try {
      splitCsv(text);
    } catch (error) {
      return String((error as Error).message);
    }
    return 'no problem';
  };
  expect(problem('a,b\n"x\ny,z\n')).toBe('line 2: is not valid CSV: a quoted field is not closed');
  expect(problem('a,b\nx,y"z\n')).toBe(
    'line 2: is not valid CSV: a quote inside a field that is not quoted',
  );
  expect(problem('a,b\n"x"y,z\n')).toBe('line 2: is not valid CSV: text after a closing quote');
  expect(problem('a,b\n"x\n",y\nz\n')).toBe(
    'line 4: is not valid CSV: expected 2 fields as in the header, found 1',
  );
  expect(problem('a,b\r\nx,y\r\n')).toBe('no problem');
});

/** A small deterministic generator of integers. */
function pureRand(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s >>> 8;
  };
}
