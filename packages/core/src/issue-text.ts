import type { z } from 'zod';

const TYPE_WORDS: Record<string, string> = {
  string: 'text in double quotes',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object { … }',
  record: 'an object { … }',
  array: 'a list [ … ]',
  null: 'null',
  undefined: 'nothing',
};

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `the text "${value.length > 40 ? `${value.slice(0, 37)}…` : value}"`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return String(value);
  return 'an object';
}

function quoteAll(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

/** Turns a zod issue into a sentence an official can act on: what was expected, what was found. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const found = 'input' in issue ? `, found ${describeValue(issue.input)}` : '';
  // Messages written in the schemas start in lower case and are kept; zod's own are rewritten.
  if (/^[a-z"]/.test(issue.message)) {
    const primitive = ['string', 'number', 'boolean'].includes(typeof issue.input);
    // A message that begins with the value, or already says what was found, needs no "found".
    const said = issue.message.startsWith('"') || issue.message.includes('found');
    return primitive && !said ? `${issue.message}${found}` : issue.message;
  }
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) {
        const name = issue.path[issue.path.length - 1];
        const field = typeof name === 'string' ? ` "${name}"` : '';
        return `missing required field${field}: expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
      }
      return `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}${found}`;
    case 'too_small':
      if (issue.origin === 'array') return `expected at least ${issue.minimum} item(s) in the list`;
      if (issue.origin === 'string')
        return issue.message.startsWith('expected')
          ? issue.message
          : `expected text of at least ${issue.minimum} character(s)`;
      return `expected a value ${issue.inclusive ? 'of at least' : 'greater than'} ${issue.minimum}${found}`;
    case 'too_big':
      if (issue.origin === 'array') return `expected at most ${issue.maximum} item(s) in the list`;
      if (issue.origin === 'string')
        return `expected text of at most ${issue.maximum} character(s)`;
      return `expected a value ${issue.inclusive ? 'of at most' : 'less than'} ${issue.maximum}${found}`;
    case 'invalid_value':
      return `expected one of ${quoteAll(issue.values)}${found}`;
    case 'invalid_union':
      return issue.message.startsWith('expected')
        ? issue.message
        : `this does not match any allowed form${found}`;
    case 'not_multiple_of':
      return `expected a multiple of ${String(issue.divisor)}${found}`;
    default:
      return `${issue.message}${issue.message.includes('found') ? '' : found}`;
  }
}
