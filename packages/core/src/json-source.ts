import { findNodeAtLocation, type Node, parseTree, printParseErrorCode, visit } from 'jsonc-parser';
import type { z } from 'zod';
import { describeIssue, describeValue } from './issue-text.js';
import { LIMITS } from './limits.js';
import { didYouMean, hint, type Problem, type UncodedProblem } from './problem.js';
import { LocalizedText, languagesInUse } from './text.js';

/** A JSON file parsed with positions, so that any path inside it can be reported as line:column. */
export interface JsonSource {
  file: string;
  value: unknown;
  /** The syntax tree, built on first use. */
  readonly root: Node;
  lineStarts: number[];
}

export type PathSegment = string | number;

const SYNTAX_WORDS: Record<string, string> = {
  InvalidSymbol: 'a character that is not allowed in JSON',
  InvalidNumberFormat: 'a badly written number',
  PropertyNameExpected: 'a field name in double quotes',
  ValueExpected: 'a value',
  ColonExpected: 'a colon (:) after the field name',
  CommaExpected: 'a comma (,) between items',
  CloseBraceExpected: 'a closing brace (})',
  CloseBracketExpected: 'a closing bracket (])',
  EndOfFileExpected: 'the end of the file',
  InvalidCommentToken: 'no comments (JSON does not allow them)',
  UnexpectedEndOfComment: 'a comment to be closed',
  UnexpectedEndOfString: 'a closing double quote (")',
  UnexpectedEndOfNumber: 'more digits',
  InvalidUnicode: 'a valid \\u escape',
  InvalidEscapeCharacter: 'a valid escape such as \\n or \\"',
  InvalidCharacter: 'a character allowed inside a string',
};

/** Characters that an input method types in place of JSON's punctuation. */
const LOOKALIKES: Record<string, string> = {
  '“': 'a curly quote “, expected straight double quotes (") around names and text',
  '”': 'a curly quote ”, expected straight double quotes (") around names and text',
  '‘': 'a curly quote ‘, expected straight double quotes (") around names and text',
  '’': 'a curly quote ’, expected straight double quotes (") around names and text',
  '，': 'a full-width comma ，, expected a plain comma (,)',
  '：': 'a full-width colon ：, expected a plain colon (:)',
  '｛': 'a full-width brace ｛, expected a plain brace ({)',
  '｝': 'a full-width brace ｝, expected a plain brace (})',
};

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function positionAt(lineStarts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
}

/**
 * The first place where arrays and objects nest deeper than `LIMITS.jsonDepth`, as a located
 * problem; undefined when the file stays within it. A loop over the characters (text inside
 * strings skipped, escapes included), with no recursion: it runs before anything recursive (the
 * parser's visit, JSON.parse, schemas, condition walkers) sees the text, so no nesting a file can
 * hold overflows the stack.
 */
export function jsonDepthProblem(file: string, text: string): Problem | undefined {
  const limit = LIMITS.jsonDepth;
  let depth = 0;
  let inString = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++;
      if (depth > limit) {
        return {
          severity: 'error',
          code: 'SHOUTU-J002',
          file,
          ...positionAt(lineStartsOf(text), i),
          message: `nested ${depth} deep: expected at most ${limit} levels of arrays and objects; the whole file was set aside`,
        };
      }
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) depth--;
  }
  return undefined;
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Why a number literal cannot be kept as written: a whole number beyond the safe range (JSON.parse
 * would round it silently: 9007199254740993 becomes …992), or one that overflows to ±Infinity.
 */
export function numberLiteralProblem(literal: string, value: number): string | undefined {
  if (!Number.isFinite(value))
    return `the number ${literal} is too large to be read: expected a number between -${Number.MAX_VALUE} and ${Number.MAX_VALUE}`;
  if (!Number.isSafeInteger(value) && /^-?\d+$/.test(literal))
    return `the number ${literal} is too large to be kept exactly: expected a whole number between -${MAX_SAFE} and ${MAX_SAFE} (write it as text if it is a code)`;
  return undefined;
}

/**
 * Parses strict JSON. Syntax errors, duplicate field names and `__proto__` keys are problems with
 * their exact place; the value is produced by JSON.parse, which never touches prototypes. A file
 * nested deeper than `LIMITS.jsonDepth` is one problem, found before any parser runs; numbers that
 * cannot be kept exactly (`numberLiteralProblem`) are problems at their place.
 */
export function parseJsonSource(
  file: string,
  text: string,
  options: {
    /**
     * Numbers that cannot be kept exactly are returned as problems beside the source, not in
     * place of it: for a reader that sets aside only the row holding one (JSON reports). Such a
     * reader must say every problem it is given.
     */
    numbersBesideSource?: boolean;
  } = {},
): { source: JsonSource; problems: Problem[] } | { source?: undefined; problems: Problem[] } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineStarts = lineStartsOf(body);
  if (body.trim() === '')
    return {
      problems: [
        {
          severity: 'error',
          code: 'SHOUTU-J001',
          file,
          line: 1,
          column: 1,
          message: 'the file is empty: expected a JSON object',
        },
      ],
    };
  const tooDeep = jsonDepthProblem(file, body);
  if (tooDeep) return { problems: [tooDeep] };
  const syntax: Problem[] = [];
  const problems: Problem[] = [];
  const numbers: Problem[] = [];
  let more = 0;
  const add = (p: Problem) => {
    if (problems.length < LIMITS.problemsPerFile) problems.push(p);
    else more++;
  };
  // One streaming pass finds syntax errors, duplicate names and forbidden keys without building a
  // tree: a tree of a large registry costs gigabytes, and it is only needed to locate problems.
  const keys: Set<string>[] = [];
  visit(
    body,
    {
      onObjectBegin: () => {
        keys.push(new Set());
      },
      onObjectEnd: () => {
        keys.pop();
      },
      onObjectProperty: (key, offset) => {
        const at = positionAt(lineStarts, offset);
        const siblings = keys[keys.length - 1];
        if (key === '__proto__' || key === 'constructor' || key === 'prototype')
          add({
            severity: 'error',
            code: 'SHOUTU-J008',
            file,
            ...at,
            message: `the field name "${key}" is not allowed`,
          });
        else if (siblings?.has(key))
          add({
            severity: 'error',
            code: 'SHOUTU-J007',
            file,
            ...at,
            message: `the field "${key}" appears twice in the same object`,
          });
        siblings?.add(key);
      },
      onLiteralValue: (value, offset, length) => {
        // Only a long literal can be a whole number out of range; any can overflow (1e400).
        if (typeof value !== 'number' || (Number.isFinite(value) && length < 16)) return;
        const wrong = numberLiteralProblem(body.slice(offset, offset + length), value);
        if (!wrong) return;
        const problem: Problem = {
          severity: 'error',
          code: 'SHOUTU-J009',
          file,
          ...positionAt(lineStarts, offset),
          message: wrong,
        };
        if (options.numbersBesideSource) numbers.push(problem);
        else add(problem);
      },
      onError: (error, offset) => {
        const code = printParseErrorCode(error);
        const ch = body[offset] ?? '';
        // A comma right before } or ] is the commonest slip of all: say so rather than "expected a value".
        const before = body.slice(0, offset).trimEnd();
        const trailing =
          (code === 'ValueExpected' || code === 'PropertyNameExpected') &&
          (ch === '}' || ch === ']') &&
          before.endsWith(',');
        // A single quote where a name or text begins: JSON has only double quotes.
        const single =
          ch === "'" &&
          (code === 'InvalidSymbol' || code === 'PropertyNameExpected' || code === 'ValueExpected');
        const slip =
          trailing || single || LOOKALIKES[ch] ? undefined : syntaxSlip(body, code, offset);
        if (slip) {
          syntax.push({
            severity: 'error',
            code: slip.code,
            file,
            ...positionAt(lineStarts, slip.offset),
            message: `this is not valid JSON: ${slip.message}`,
          });
          return;
        }
        syntax.push({
          severity: 'error',
          code: trailing
            ? 'SHOUTU-J006'
            : single
              ? 'SHOUTU-J004'
              : LOOKALIKES[ch]
                ? 'SHOUTU-J005'
                : 'SHOUTU-J003',
          file,
          ...positionAt(lineStarts, trailing ? before.length - 1 : offset),
          message: trailing
            ? `this is not valid JSON: a comma before ${ch} — remove the comma after the last item`
            : single
              ? `this is not valid JSON: JSON needs double quotes around text and names: write "x", not 'x'`
              : LOOKALIKES[ch]
                ? `this is not valid JSON: found ${LOOKALIKES[ch]}`
                : `this is not valid JSON: expected ${SYNTAX_WORDS[code] ?? code}`,
        });
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
  // After the first syntax error the rest is guesswork: report only that one.
  if (syntax.length > 0) return { problems: syntax.slice(0, 1) };
  if (more > 0)
    problems.push({
      severity: 'error',
      code: 'SHOUTU-J010',
      file,
      message: `… and ${more} more problems in this file`,
    });
  if (problems.length > 0) return { problems };
  let root: Node | undefined;
  return {
    source: {
      file,
      value: JSON.parse(body),
      get root() {
        root ??= parseTree(body, [], { disallowComments: true }) as Node;
        return root;
      },
      lineStarts,
    },
    problems: numbers,
  };
}

/**
 * The slips of someone who writes JSON as JavaScript, YAML or paper: a tab typed inside a text,
 * a name or a word without double quotes, a number with a percent sign. Said with what to write.
 */
function syntaxSlip(
  body: string,
  code: string,
  offset: number,
): { code: `SHOUTU-${string}`; offset: number; message: string } | undefined {
  const ch = body[offset] ?? '';
  if (code === 'InvalidCharacter') {
    // The parser points at the opening quote: find the tab inside that text, on its line.
    let i = offset + (ch === '"' ? 1 : 0);
    for (; i < body.length; i++) {
      const c = body[i];
      if (c === '\\') i++;
      else if (c === '"' || c === '\n') return undefined;
      else if (c === '\t')
        return {
          code: 'SHOUTU-J011',
          offset: i,
          message:
            'a tab typed inside a text: JSON allows none there; write \\t for a tab, or a space',
        };
    }
    return undefined;
  }
  if (code !== 'InvalidSymbol' && code !== 'ValueExpected' && code !== 'PropertyNameExpected')
    return undefined;
  if (ch === '%' && /[0-9]$/.test(body.slice(0, offset))) {
    const number = /-?[0-9.]+$/.exec(body.slice(0, offset))?.[0] ?? '';
    return {
      code: 'SHOUTU-J014',
      offset,
      message: `a percent sign after the number ${number}: a number is written without %; write ${number}`,
    };
  }
  const word = /^[\p{L}_$][\p{L}\p{N}_$.-]*/u.exec(body.slice(offset))?.[0];
  if (!word) return undefined;
  const after = body.slice(offset + word.length).trimStart();
  if (after.startsWith(':'))
    return {
      code: 'SHOUTU-J012',
      offset,
      message: `the name ${word} has no double quotes: names need double quotes; write "${word}"`,
    };
  return {
    code: 'SHOUTU-J013',
    offset,
    message: `the word ${word} has no double quotes: text needs double quotes; write "${word}" (only numbers, true, false and null go without)`,
  };
}

/** The line and column of a path; a path that does not exist points at its nearest existing parent. */
export function locate(source: JsonSource, path: readonly PathSegment[], key?: string) {
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(source.root, path.slice(0, n) as PathSegment[]);
    if (!node) continue;
    if (n === path.length && key !== undefined && node.type === 'object') {
      const prop = node.children?.find((p) => p.children?.[0]?.value === key);
      if (prop?.children?.[0]) return positionAt(source.lineStarts, prop.children[0].offset);
    }
    // Point at the field name rather than its value when the value is what is wrong.
    const keyNode = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
    return positionAt(source.lineStarts, (keyNode ?? node).offset);
  }
  return { line: 1, column: 1 };
}

/** Validates a parsed file against a schema; every issue becomes a located, plain-language problem. */
export function validateJson<T extends z.ZodType>(
  source: JsonSource,
  schema: T,
): { data: z.infer<T>; problems: Problem[] } | { data?: undefined; problems: Problem[] } {
  const result = schema.safeParse(source.value, { reportInput: true });
  if (result.success) return { data: result.data, problems: [] };
  // Past the problems kept for one file, the rest are counted, not located one by one.
  const issues = result.error.issues;
  const kept = LIMITS.problemsPerFile;
  const problems = zodProblems(source, issues.slice(0, kept), [], schema);
  if (issues.length > kept)
    problems.push({
      severity: 'error',
      code: 'SHOUTU-J010',
      file: source.file,
      message: `… and ${issues.length - kept} more problems in this file`,
    });
  return { problems };
}

export function zodProblems(
  source: JsonSource,
  issues: readonly z.core.$ZodIssue[],
  base: PathSegment[] = [],
  schema?: z.ZodType,
): Problem[] {
  const out: Problem[] = [];
  // A mistyped name ("serverity") is one mistake: said at the unknown key, with the name meant,
  // and not again as the missing field it was meant to be.
  const misspelt = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const path = [...base, ...(issue.path as PathSegment[])];
    const allowed = schema ? fieldsAt(schema, path) : [];
    for (const key of issue.keys) {
      const meant = didYouMean(key, allowed);
      if (meant !== undefined) misspelt.add(JSON.stringify([...path, meant]));
    }
  }
  for (const issue of issues) {
    const path = [...base, ...(issue.path as PathSegment[])];
    if ('input' in issue && issue.input === undefined && misspelt.has(JSON.stringify(path)))
      continue;
    const discriminated = issue as { discriminator?: unknown; options?: unknown; input?: unknown };
    if (
      issue.code === 'invalid_union' &&
      typeof discriminated.discriminator === 'string' &&
      Array.isArray(discriminated.options) &&
      discriminated.options.length > 0
    ) {
      // A discriminated union refused its tag ("mode": "failed"): list the tags it knows.
      const input = discriminated.input as Record<string, unknown> | undefined;
      const value =
        input !== null && typeof input === 'object'
          ? input[discriminated.discriminator]
          : undefined;
      const key = JSON.stringify(path);
      if (value === undefined && misspelt.has(key)) continue;
      const tag = discriminated.discriminator;
      const typo =
        value === undefined && input !== null && typeof input === 'object'
          ? Object.keys(input).find((k) => didYouMean(k, [tag]) === tag)
          : undefined;
      if (typo !== undefined) {
        out.push(
          problemAt(
            'SHOUTU-S001',
            source,
            path.slice(0, -1),
            `unknown field "${typo}"; did you mean "${tag}"?`,
            typo,
          ),
        );
        continue;
      }
      const allowed = discriminated.options.map((o) => JSON.stringify(o)).join(', ');
      out.push(
        value === undefined
          ? problemAt(
              'SHOUTU-S002',
              source,
              path,
              `missing required field "${discriminated.discriminator}": expected one of ${allowed}`,
            )
          : problemAt(
              'SHOUTU-S004',
              source,
              path,
              `expected one of ${allowed}, found ${describeValue(value)}${typeof value === 'string' && value.length >= 3 ? hint(value, discriminated.options.map(String)) : ''}`,
            ),
      );
      continue;
    }
    const literals = literalOptions(issue);
    if (literals) {
      const allowed = literals.map((o) => JSON.stringify(o)).join(', ');
      const found = 'input' in issue ? issue.input : undefined;
      out.push(
        found === undefined
          ? problemAt(
              'SHOUTU-S002',
              source,
              path,
              `missing required field${typeof path[path.length - 1] === 'string' ? ` "${path[path.length - 1]}"` : ''}: expected one of ${allowed}`,
            )
          : problemAt(
              'SHOUTU-S004',
              source,
              path,
              `expected one of ${allowed}, found ${describeValue(found)}${typeof found === 'string' && found.length >= 3 ? hint(found, literals.map(String)) : ''}`,
            ),
      );
      continue;
    }
    if (issue.code === 'unrecognized_keys') {
      const allowed = schema ? fieldsAt(schema, path) : [];
      for (const key of issue.keys) {
        const guess = allowed.length > 0 ? hint(key, allowed) : '';
        const list =
          allowed.length > 0 ? `${guess ? ' ' : '. '}Expected one of: ${allowed.join(', ')}` : '';
        out.push(
          problemAt('SHOUTU-S001', source, path, `unknown field "${key}"${guess}${list}`, key),
        );
      }
    } else if (issue.code === 'invalid_union' && 'input' in issue && issue.input === undefined) {
      const name = path[path.length - 1];
      const field = typeof name === 'string' ? ` "${name}"` : '';
      out.push(
        problemAt(
          'SHOUTU-S002',
          source,
          path,
          `missing required field${field}: ${describeIssue(issue)}`,
        ),
      );
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      let deepest = 0;
      for (const branch of issue.errors) deepest = Math.max(deepest, progress(branch));
      // Every alternative refuses the same field: that field is the mistake.
      const unknownIn = (branch: readonly z.core.$ZodIssue[]) =>
        branch.flatMap((i) =>
          i.code === 'unrecognized_keys' && i.path.length === 0 ? i.keys : [],
        );
      const common = unknownIn(issue.errors[0] ?? []).filter((k) =>
        issue.errors.every((b) => unknownIn(b).includes(k)),
      );
      if (deepest > 0) {
        // Report the alternative the author got furthest with, at the place it went wrong.
        const best =
          [...issue.errors].sort((a, b) => progress(b) - progress(a) || a.length - b.length)[0] ??
          [];
        for (const p of zodProblems(source, best, path, schema)) out.push(p);
      } else if (common.length > 0) {
        const unknown: z.core.$ZodIssue = {
          code: 'unrecognized_keys',
          keys: common,
          path: [],
          message: '',
        };
        for (const p of zodProblems(source, [unknown], path, schema)) out.push(p);
      } else if (sideBySide(issue, schema, path)) {
        out.push(problemAt('SHOUTU-S009', source, path, sideBySide(issue, schema, path) as string));
      } else {
        // The alternative whose fields the value uses, if one: what it lacks is the mistake.
        const fits = issue.errors.find(
          (b) => unknownIn(b).length === 0 && !b.some((i) => i.code === 'unrecognized_keys'),
        );
        const said = fits
          ? zodProblems(source, fits, path, schema)
          : [problemAt(issueCode(issue), source, path, describeIssue(issue))];
        for (const p of said) out.push(p);
      }
    } else {
      const input = 'input' in issue ? issue.input : undefined;
      const guess =
        issue.code === 'invalid_value' && typeof input === 'string' && input.length >= 3
          ? hint(input, issue.values.map(String))
          : '';
      const name = path[path.length - 1];
      // A field that is not there at all is missing, whatever it would have had to be.
      const said =
        'input' in issue && input === undefined && issue.code === 'invalid_value'
          ? `missing required field${typeof name === 'string' ? ` "${name}"` : ''}: ${describeIssue(issue).replace(/, found nothing$/, '')}`
          : `${withSketch(describeIssue(issue), issue, schema, path)}${guess}`;
      out.push(problemAt(issueCode(issue), source, path, said));
    }
  }
  return out;
}

/**
 * The values a union of plain values allows (`z.union([z.literal('a'), z.enum(['b', 'c'])])`),
 * when every alternative refused the value itself: undefined for any other issue.
 */
function literalOptions(issue: z.core.$ZodIssue): unknown[] | undefined {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return undefined;
  const values: unknown[] = [];
  for (const branch of issue.errors) {
    const [only] = branch;
    if (branch.length !== 1 || !only || only.code !== 'invalid_value' || only.path.length > 0)
      return undefined;
    for (const v of only.values) values.push(v);
  }
  return values;
}

/**
 * How deep into the value an alternative got before it failed. A missing or unknown field says
 * the value is not of that alternative at all, so it shows no progress.
 */
function progress(issues: readonly z.core.$ZodIssue[]): number {
  const telling = issues.filter(
    (i) => i.code !== 'unrecognized_keys' && !('input' in i && i.input === undefined),
  );
  let deepest = 0;
  for (const i of telling) deepest = Math.max(deepest, i.path.length);
  return deepest;
}

/**
 * A problem at a path of a JSON file, with the path said in words. Give the code of the
 * catalogue first (`problemAt('SHOUTU-R012', source, …)`); without one the problem is not yet a
 * `Problem` and the caller must add its code.
 */
export function problemAt(
  code: `SHOUTU-${string}`,
  source: JsonSource,
  path: readonly PathSegment[],
  message: string,
  key?: string,
  severity?: Problem['severity'],
): Problem;
export function problemAt(
  source: JsonSource,
  path: readonly PathSegment[],
  message: string,
  key?: string,
  severity?: Problem['severity'],
): UncodedProblem;
export function problemAt(...args: unknown[]): UncodedProblem {
  const code = typeof args[0] === 'string' ? (args.shift() as string) : undefined;
  const [source, path, message, key, severity = 'error'] = args as [
    JsonSource,
    readonly PathSegment[],
    string,
    string | undefined,
    Problem['severity'] | undefined,
  ];
  const where = path.length > 0 ? ` (at ${formatPath(path)})` : '';
  return {
    severity,
    ...(code !== undefined ? { code } : {}),
    file: source.file,
    ...locate(source, path, key),
    message: `${message}${where}`,
  };
}

/** The code of a shape problem, by the kind of zod issue. */
function issueCode(issue: z.core.$ZodIssue): `SHOUTU-${string}` {
  if ('input' in issue && issue.input === undefined && issue.code !== 'custom')
    return 'SHOUTU-S002';
  switch (issue.code) {
    case 'unrecognized_keys':
      return 'SHOUTU-S001';
    case 'invalid_type':
      return 'SHOUTU-S003';
    case 'invalid_value':
      return 'SHOUTU-S004';
    case 'too_small':
    case 'too_big':
    case 'not_multiple_of':
      return 'SHOUTU-S005';
    case 'invalid_format':
      return 'SHOUTU-S006';
    case 'invalid_union':
      return 'SHOUTU-S008';
    default:
      return 'SHOUTU-S007';
  }
}

export function formatPath(path: readonly PathSegment[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

type Def = Record<string, unknown> & { type: string };
const defOf = (t: z.core.$ZodType) => t._zod.def as unknown as Def;

/**
 * What to write where an object was expected and a text, number or list was found: the object's
 * fields (`{ "from": "2020-01-25" }`, `{ "kind": "territory", "level": … }`), or for a list, the
 * group to wrap it in (`{ "all": [ … ] }`). The message is returned unchanged for other issues.
 */
function withSketch(
  message: string,
  issue: z.core.$ZodIssue,
  schema: z.ZodType | undefined,
  path: readonly PathSegment[],
): string {
  if (!schema || issue.code !== 'invalid_type') return message;
  if (issue.expected !== 'object' && issue.expected !== 'record') return message;
  const input = 'input' in issue ? issue.input : undefined;
  if (input === undefined || input === null) return message;
  const types = typesAt(schema, path);
  if (Array.isArray(input)) {
    for (const t of types) {
      const def = defOf(t);
      if (def.type !== 'object') continue;
      const shape = def.shape as Record<string, z.core.$ZodType>;
      const list = Object.keys(shape).find((k) =>
        unwrapAll(shape[k] as z.core.$ZodType).some((u) => defOf(u).type === 'array'),
      );
      if (list !== undefined) return `${message}: wrap the list in { "${list}": [ … ] }`;
    }
    return message;
  }
  const sketches = types.flatMap((t) => {
    const one = sketchOf(t, input);
    return one === undefined ? [] : [one];
  });
  if (sketches.length === 0) return message;
  return message.replace(/an object \{ … \}|an object/, `an object ${sketches.join(' or ')}`);
}

/** `{ "kind": "territory", "level": … }`: the fields an object type requires, literals said. */
function sketchOf(t: z.core.$ZodType, found: unknown): string | undefined {
  const def = defOf(t);
  if (def.type === 'record' && (t as unknown) === (LocalizedText as unknown)) {
    const langs = languagesInUse();
    return `{ ${(langs.length > 0 ? langs : ['zh', 'en']).map((l) => `"${l}": …`).join(', ')} }`;
  }
  if (def.type !== 'object') return undefined;
  const shape = def.shape as Record<string, z.core.$ZodType>;
  const required = Object.keys(shape).filter((k) => {
    const inner = shape[k] as z.core.$ZodType;
    const kind = defOf(inner).type;
    return k !== '$schema' && kind !== 'optional' && kind !== 'default' && kind !== 'prefault';
  });
  if (required.length === 0) return undefined;
  const open = required.filter((k) => defOf(shape[k] as z.core.$ZodType).type !== 'literal');
  const fields = required.map((k) => {
    const d = defOf(shape[k] as z.core.$ZodType);
    if (d.type === 'literal') return `"${k}": ${JSON.stringify((d.values as unknown[])[0])}`;
    // The value found fits the one field left open: show it there.
    const value =
      open.length === 1 &&
      (typeof found === 'string' || typeof found === 'number') &&
      unwrapAll(shape[k] as z.core.$ZodType).some((u) => defOf(u).type === typeof found)
        ? JSON.stringify(found)
        : '…';
    return `"${k}": ${value}`;
  });
  return `{ ${fields.join(', ')} }`;
}

/**
 * "all" and "any" in one object, where each belongs to a different alternative of a union: one
 * group per object, nest one inside the other. Undefined when that is not the mistake.
 */
function sideBySide(
  issue: z.core.$ZodIssue,
  schema: z.ZodType | undefined,
  path: readonly PathSegment[],
): string | undefined {
  const input = 'input' in issue ? issue.input : undefined;
  if (!schema || input === null || typeof input !== 'object' || Array.isArray(input))
    return undefined;
  const keys = Object.keys(input);
  const own = typesAt(schema, path)
    .map(defOf)
    .filter((d) => d.type === 'object')
    .map((d) => Object.keys(d.shape as object));
  if (own.length < 2) return undefined;
  // The fields that belong to one alternative only.
  const telling = keys.filter((k) => own.filter((fields) => fields.includes(k)).length === 1);
  const homes = new Set(telling.map((k) => own.findIndex((fields) => fields.includes(k))));
  if (homes.size < 2) return undefined;
  const [a, b] = telling.map((k) => `"${k}"`);
  const record = input as Record<string, unknown>;
  const lists = telling.every((k) => Array.isArray(record[k]));
  return lists
    ? `${telling.map((k) => `"${k}"`).join(' and ')} cannot sit side by side in one object: one group per object; nest one inside the other, e.g. { ${a}: [ …, { ${b}: [ … ] } ] }`
    : `${telling.map((k) => `"${k}"`).join(' and ')} belong to different kinds of object: write one per object`;
}

function unwrapAll(t: z.core.$ZodType): z.core.$ZodType[] {
  const def = defOf(t);
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
    case 'readonly':
    case 'prefault':
      return unwrapAll(def.innerType as z.core.$ZodType);
    case 'pipe':
      return unwrapAll(def.in as z.core.$ZodType);
    case 'lazy':
      return unwrapAll((def.getter as () => z.core.$ZodType)());
    case 'union':
      return (def.options as z.core.$ZodType[]).flatMap(unwrapAll);
    default:
      return [t];
  }
}

/** The types a schema allows at a path, unions and wrappers taken apart (best effort). */
function typesAt(schema: z.ZodType, path: readonly PathSegment[]): z.core.$ZodType[] {
  let current: z.core.$ZodType[] = [schema as unknown as z.core.$ZodType];
  for (const segment of path) {
    const next: z.core.$ZodType[] = [];
    for (const t of current.flatMap(unwrapAll)) {
      const def = defOf(t);
      if (typeof segment === 'number' && def.type === 'array')
        next.push(def.element as z.core.$ZodType);
      else if (typeof segment === 'string' && def.type === 'object') {
        const shape = def.shape as Record<string, z.core.$ZodType>;
        if (shape[segment]) next.push(shape[segment]);
      }
    }
    current = next;
  }
  return current.flatMap(unwrapAll);
}

/** The field names an object schema allows at a path (best effort: unions give all their options' fields). */
function fieldsAt(schema: z.ZodType, path: readonly PathSegment[]): string[] {
  const keys = new Set<string>();
  for (const t of typesAt(schema, path)) {
    const def = defOf(t);
    if (def.type === 'object')
      for (const k of Object.keys(def.shape as object)) if (k !== '$schema') keys.add(k);
  }
  return [...keys];
}
