import { formatProblem, parseJsonSource, validateJson } from '@shoutu/core';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';

const checked = (schema: z.ZodType, text: string) => {
  const p = parseJsonSource('x.json', text);
  if (!p.source) return p.problems.map(formatProblem);
  return validateJson(p.source, schema).problems.map(formatProblem);
};

describe('formatProblem', () => {
  test('place, word, code and message', () => {
    expect(
      formatProblem({
        severity: 'error',
        code: 'SHOUTU-R012',
        file: 'rules/a.json',
        line: 3,
        column: 5,
        message: 'unknown fact "x"',
      }),
    ).toBe('rules/a.json:3:5: error SHOUTU-R012: unknown fact "x"');
    expect(
      formatProblem({
        severity: 'warning',
        code: 'SHOUTU-D003',
        file: 'a.csv',
        line: 3,
        field: 'visited',
        message: 'blank',
      }),
    ).toBe('a.csv:3:visited: warning SHOUTU-D003: blank');
  });

  test('set-aside input is printed under "set aside", a workbook cell as Sheet!C12', () => {
    expect(
      formatProblem({
        severity: 'error',
        code: 'SHOUTU-D002',
        setAside: 'row',
        file: 'a.xlsx',
        line: 12,
        cell: 'Sheet1!C12',
        message: 'not a number; the row was set aside',
      }),
    ).toBe('a.xlsx:Sheet1!C12: set aside SHOUTU-D002: not a number; the row was set aside');
  });
});

describe('messages of json-source', () => {
  const Rule = z.strictObject({
    severity: z.enum(['critical', 'major', 'minor']),
    kind: z.union([z.literal('a'), z.literal('b')]),
    missing: z.discriminatedUnion('mode', [
      z.strictObject({ mode: z.literal('fail') }),
      z.strictObject({ mode: z.literal('carry'), days: z.int() }),
    ]),
  });

  test('single quotes: JSON needs double quotes', () => {
    expect(checked(Rule, "{ 'severity': 'major' }")).toEqual([
      `x.json:1:3: error SHOUTU-J004: this is not valid JSON: JSON needs double quotes around text and names: write "x", not 'x'`,
    ]);
    expect(checked(Rule, '{ "severity": \'major\' }')).toEqual([
      `x.json:1:15: error SHOUTU-J004: this is not valid JSON: JSON needs double quotes around text and names: write "x", not 'x'`,
    ]);
  });

  test('a mistyped key is one problem, at the key, naming the field meant', () => {
    expect(
      checked(
        Rule,
        '{\n  "serverity": "major",\n  "kind": "a",\n  "missing": { "mode": "fail" }\n}',
      ),
    ).toEqual([
      'x.json:2:3: error SHOUTU-S001: unknown field "serverity"; did you mean "severity"? Expected one of: severity, kind, missing',
    ]);
  });

  test('a field that is really missing is still said', () => {
    expect(checked(Rule, '{ "kind": "a", "missing": { "mode": "fail" } }')).toEqual([
      'x.json:1:1: error SHOUTU-S002: missing required field "severity": expected one of "critical", "major", "minor" (at severity)',
    ]);
  });

  test('enums, unions of literals and discriminated unions list their values', () => {
    expect(
      checked(Rule, '{ "severity": "majr", "kind": "c", "missing": { "mode": "failed" } }'),
    ).toEqual([
      'x.json:1:3: error SHOUTU-S004: expected one of "critical", "major", "minor", found the text "majr"; did you mean "major"? (at severity)',
      'x.json:1:23: error SHOUTU-S004: expected one of "a", "b", found the text "c" (at kind)',
      'x.json:1:49: error SHOUTU-S004: expected one of "fail", "carry", found the text "failed"; did you mean "fail"? (at missing.mode)',
    ]);
  });
});
