import { Form, formatProblem, parseJsonSource, validateJson } from '@shoutu/core';
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
      'data/forms/x.json:3:3: error: this is not valid JSON: expected a comma (,) between items',
    ]);
  });

  test('a comma after the last item is named as such, at the comma', () => {
    expect(problems('{\n  "id": "x",\n}')).toEqual([
      'data/forms/x.json:2:12: error: this is not valid JSON: a comma before } — remove the comma after the last item',
    ]);
    expect(problems('{\n  "fields": [1, 2, ]\n}')).toEqual([
      'data/forms/x.json:2:18: error: this is not valid JSON: a comma before ] — remove the comma after the last item',
    ]);
  });

  test('an empty file', () => {
    expect(problems('')).toEqual([
      'data/forms/x.json:1:1: error: the file is empty: expected a JSON object',
    ]);
  });

  test('comments are not JSON', () => {
    expect(problems('{\n  // note\n  "id": "x"\n}')[0]).toBe(
      'data/forms/x.json:2:3: error: this is not valid JSON: expected no comments (JSON does not allow them)',
    );
  });

  test('an unknown field points at its name', () => {
    const text = FORM.replace('"id": "grid-daily",', '"id": "grid-daily",\n  "titel": "x",');
    expect(problems(text)).toEqual([
      'data/forms/x.json:3:3: error: unknown field "titel"; did you mean "title"? Expected one of: id, title, description, subjects, due, fields, derived',
    ]);
  });

  test('a wrong type points at the field and says what was found', () => {
    const text = FORM.replace('"type": "integer"', '"type": "int"');
    expect(problems(text)).toEqual([
      'data/forms/x.json:6:35: error: expected one of "integer", "number", "boolean", "text", "date", "time", "enum", found the text "int" (at fields[0].type)',
    ]);
  });

  test('a missing required field points at the object that lacks it', () => {
    const text = FORM.replace('"title": { "zh": "网格日报", "en": "Grid daily" },\n', '');
    expect(problems(text)).toEqual([
      'data/forms/x.json:1:1: error: missing required field "title": expected an object { … } (at title)',
    ]);
  });

  test('__proto__ and duplicate keys are refused', () => {
    expect(problems('{\n  "__proto__": {},\n  "id": "a",\n  "id": "b"\n}')).toEqual([
      'data/forms/x.json:2:3: error: the field name "__proto__" is not allowed',
      'data/forms/x.json:4:3: error: the field "id" appears twice in the same object',
    ]);
  });
});

describe('dates and times', () => {
  test('a wrong shape and an impossible day get one message each', () => {
    expect(problems(FORM.replace('"fields"', '"due": "noon",\n  "fields"'))).toEqual([
      'data/forms/x.json:5:3: error: expected a time written as HH:MM, e.g. 12:00, found the text "noon" (at due)',
    ]);
    expect(problems(FORM.replace('"fields"', '"due": "25:00",\n  "fields"'))).toEqual([
      'data/forms/x.json:5:3: error: "25:00" is not a time of day: expected 00:00 to 23:59 (at due)',
    ]);
  });

  test('curly quotes from a Chinese input method are named', () => {
    expect(problems('{\n  “id”: "x"\n}')).toEqual([
      'data/forms/x.json:2:3: error: this is not valid JSON: found a curly quote “, expected straight double quotes (") around names and text',
    ]);
  });
});
