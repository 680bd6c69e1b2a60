import { Form, formatProblem, jsonDepthProblem, parseJsonSource, validateJson } from '@shoutu/core';

const MAX = Number.MAX_SAFE_INTEGER;

import { describe, expect, test } from 'vitest';

const problems = (text: string) => {
  const p = parseJsonSource('data/forms/x.json', text);
  if (!p.source) return p.problems.map(formatProblem);
  return validateJson(p.source, Form).problems.map(formatProblem);
};

const FORM = `{
  "id": "grid-daily",
  "title": { "zh": "网格日报", "en": "Grid daily" },
  "subjects": { "kind": "territory", "level": "grid" },
  "fields": [
    { "id": "households_visited", "type": "integer", "label": { "zh": "走访户数", "en": "visited" } }
  ]
}`;

describe('JSON locations', () => {
  test('a valid form has no problems', () => {
    expect(problems(FORM)).toEqual([]);
  });

  test('a syntax error names line and column and what was expected', () => {
    expect(problems('{\n  "id": "x"\n  "title": 1\n}')).toEqual([
      'data/forms/x.json:3:3: error SHOUTU-J003: this is not valid JSON: expected a comma (,) between items',
    ]);
  });

  test('a comma after the last item is named as such, at the comma', () => {
    expect(problems('{\n  "id": "x",\n}')).toEqual([
      'data/forms/x.json:2:12: error SHOUTU-J006: this is not valid JSON: a comma before } — remove the comma after the last item',
    ]);
    expect(problems('{\n  "fields": [1, 2, ]\n}')).toEqual([
      'data/forms/x.json:2:18: error SHOUTU-J006: this is not valid JSON: a comma before ] — remove the comma after the last item',
    ]);
  });

  test('an empty file', () => {
    expect(problems('')).toEqual([
      'data/forms/x.json:1:1: error SHOUTU-J001: the file is empty: expected a JSON object',
    ]);
  });

  test('comments are not JSON', () => {
    expect(problems('{\n  // note\n  "id": "x"\n}')[0]).toBe(
      'data/forms/x.json:2:3: error SHOUTU-J003: this is not valid JSON: expected no comments (JSON does not allow them)',
    );
  });

  test('an unknown field points at its name', () => {
    const text = FORM.replace('"id": "grid-daily",', '"id": "grid-daily",\n  "titel": "x",');
    expect(problems(text)).toEqual([
      'data/forms/x.json:3:3: error SHOUTU-S001: unknown field "titel"; did you mean "title"? Expected one of: id, title, description, subjects, due, fields, derived',
    ]);
  });

  test('a wrong type points at the field and says what was found', () => {
    const text = FORM.replace('"type": "integer"', '"type": "int"');
    expect(problems(text)).toEqual([
      'data/forms/x.json:6:35: error SHOUTU-S004: expected one of "integer", "number", "boolean", "text", "date", "time", "enum", found the text "int" (at fields[0].type)',
    ]);
  });

  test('a missing required field points at the object that lacks it', () => {
    const text = FORM.replace('"title": { "zh": "网格日报", "en": "Grid daily" },\n', '');
    expect(problems(text)).toEqual([
      'data/forms/x.json:1:1: error SHOUTU-S002: missing required field "title": expected an object { … } (at title)',
    ]);
  });

  test('__proto__ and duplicate keys are refused', () => {
    expect(problems('{\n  "__proto__": {},\n  "id": "a",\n  "id": "b"\n}')).toEqual([
      'data/forms/x.json:2:3: error SHOUTU-J008: the field name "__proto__" is not allowed',
      'data/forms/x.json:4:3: error SHOUTU-J007: the field "id" appears twice in the same object',
    ]);
  });
});

describe('dates and times', () => {
  test('a wrong shape and an impossible day get one message each', () => {
    expect(problems(FORM.replace('"fields"', '"due": "noon",\n  "fields"'))).toEqual([
      'data/forms/x.json:5:3: error SHOUTU-S007: expected a time written as HH:MM, e.g. 12:00, found the text "noon" (at due)',
    ]);
    expect(problems(FORM.replace('"fields"', '"due": "25:00",\n  "fields"'))).toEqual([
      'data/forms/x.json:5:3: error SHOUTU-S007: "25:00" is not a time of day: expected 00:00 to 23:59 (at due)',
    ]);
  });

  test('curly quotes from a Chinese input method are named', () => {
    expect(problems('{\n  “id”: "x"\n}')).toEqual([
      'data/forms/x.json:2:3: error SHOUTU-J005: this is not valid JSON: found a curly quote “, expected straight double quotes (") around names and text',
    ]);
  });
});

describe('hostile structure', () => {
  const parse = (text: string) => parseJsonSource('rules/x.json', text);
  const said = (text: string) => parse(text).problems.map(formatProblem);

  test('10,000 nested arrays or objects are one located problem, not a stack overflow', () => {
    const arrays = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    expect(said(arrays)).toEqual([
      'rules/x.json:1:65: error SHOUTU-J002: nested 65 deep: expected at most 64 levels of arrays and objects; the whole file was set aside',
    ]);
    const objects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    expect(said(objects)).toEqual([
      'rules/x.json:1:321: error SHOUTU-J002: nested 65 deep: expected at most 64 levels of arrays and objects; the whole file was set aside',
    ]);
    expect(parse(arrays).source).toBeUndefined();
  });

  test('the place is the first value too deep, on its own line', () => {
    const text = `{\n"a":\n${'['.repeat(63)}\n  [1]\n${']'.repeat(63)}\n}`;
    expect(said(text)).toEqual([
      'rules/x.json:4:3: error SHOUTU-J002: nested 65 deep: expected at most 64 levels of arrays and objects; the whole file was set aside',
    ]);
    expect(jsonDepthProblem('f.json', text)?.line).toBe(4);
  });

  test('exactly 64 levels are read', () => {
    const text = `${'['.repeat(64)}1${']'.repeat(64)}`;
    const p = parse(text);
    expect(p.problems).toEqual([]);
    expect(p.source?.value).toBeDefined();
    expect(jsonDepthProblem('f.json', text)).toBeUndefined();
  });

  test('brackets inside strings, escaped quotes included, do not count', () => {
    const deep = '['.repeat(10_000);
    const text = `{"a": "${deep}", "b": "\\"${deep}\\\\", "c": [["\\\\"]]}`;
    const p = parse(text);
    expect(p.problems).toEqual([]);
    expect((p.source?.value as { a: string } | undefined)?.a).toBe(deep);
  });

  test('whole numbers beyond the safe range and numbers that overflow are located', () => {
    expect(said('{\n  "code": 9007199254740993,\n  "big": 1e400,\n  "low": -1e400\n}')).toEqual([
      'rules/x.json:2:11: error SHOUTU-J009: the number 9007199254740993 is too large to be kept exactly: expected a whole number between -9007199254740991 and 9007199254740991 (write it as text if it is a code)',
      'rules/x.json:3:10: error SHOUTU-J009: the number 1e400 is too large to be read: expected a number between -1.7976931348623157e+308 and 1.7976931348623157e+308',
      'rules/x.json:4:10: error SHOUTU-J009: the number -1e400 is too large to be read: expected a number between -1.7976931348623157e+308 and 1.7976931348623157e+308',
    ]);
    expect(said('[-9007199254740992]')).toHaveLength(1);
  });

  test('decimals, exponents and the largest safe whole numbers are fine', () => {
    const p = parse(
      '[0.1, 1e20, 1e-400, 9007199254740991, -9007199254740991, 12345678901234567.5]',
    );
    expect(p.problems).toEqual([]);
    expect(p.source?.value).toEqual([0.1, 1e20, 0, MAX, -MAX, 12345678901234568]);
  });

  test('a reader that sets aside rows can have such numbers beside the source', () => {
    const p = parseJsonSource(
      'data/reports/r.json',
      '{"rows": [\n  {"n": 1},\n  {"n": 9007199254740993}\n]}',
      {
        numbersBesideSource: true,
      },
    );
    expect(p.source?.value).toBeDefined();
    expect(p.problems.map(formatProblem)).toEqual([
      'data/reports/r.json:3:9: error SHOUTU-J009: the number 9007199254740993 is too large to be kept exactly: expected a whole number between -9007199254740991 and 9007199254740991 (write it as text if it is a code)',
    ]);
  });

  test('problems past the limit for one file are counted in one line', () => {
    const text = `[${Array.from({ length: 150 }, () => '1e999').join(',')}]`;
    const p = said(text);
    expect(p).toHaveLength(101);
    expect(p[100]).toBe('rules/x.json: error SHOUTU-J010: … and 50 more problems in this file');
  });
});

describe('slips of JavaScript, YAML and paper habits (stream A2)', () => {
  const first = (text: string) => {
    const [p] = parseJsonSource('f.json', text).problems;
    return p ? `${p.line}:${p.column} ${p.code} ${p.message}` : '';
  };
  test('a tab inside a text is said at the tab', () => {
    expect(first('{\n  "a": "x\ty"\n}')).toBe(
      '2:10 SHOUTU-J011 this is not valid JSON: a tab typed inside a text: JSON allows none there; write \\t for a tab, or a space',
    );
  });
  test('a name or a word without quotes, a number with %', () => {
    expect(first('{\n  severity: "critical"\n}')).toMatch(/^2:3 SHOUTU-J012 .*write "severity"$/);
    expect(first('{ "severity": critical }')).toMatch(/^1:15 SHOUTU-J013 .*write "critical"/);
    expect(first('{ "value": 90% }')).toMatch(/^1:14 SHOUTU-J014 .*without %; write 90$/);
  });
  test('other syntax errors keep their own words', () => {
    expect(first('{ "a": “x” }')).toMatch(/SHOUTU-J005 .*curly quote/);
    expect(first('{ "a": 1, }')).toMatch(/SHOUTU-J006/);
    expect(first('{ "a": true }')).toBe('');
  });
});
