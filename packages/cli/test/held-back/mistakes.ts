/**
 * The held-back set of issue 13 (stream F): mistakes a new policy author, an official and not a
 * programmer, really makes while following the README and docs/design/authors.md. Each is one
 * small edit to a fresh copy of the `mini` fixture, run through `rules check` or `rules test`.
 *
 * Written without looking at the set the streams develop against (rule-mistakes.test.ts): this
 * one measures whether the messages are good in general, not whether they fit a known list.
 *
 * A case says where an actionable message must point (`file`, and `line` when one line is the
 * obvious place) and what it must say (`says`: the allowed values, the right key, the file to
 * create …). held-back.test.ts runs them all.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import type { Fixture } from '../helpers.js';

export const RULE = 'rules/prevention/grid-screening.json';
export const TEST = 'rules/prevention/grid-screening.test.json';
export const FORM = 'data/forms/grid-daily.json';
export const CONFIG = 'rules/rules.config.json';

export const CHECK = ['rules', 'check'] as const;
/** What `pnpm build` runs (authors.md §3): warnings that CI must not publish fail it. */
export const STRICT = ['rules', 'check', '--strict'] as const;
export const TEST_RUN = ['rules', 'test'] as const;

/** What a case may do to its copy of the fixture. Every edit fails loudly when it finds nothing to change. */
export interface Edit {
  /** Replaces the one occurrence of `from` in a file (fails when it occurs 0 or 2+ times). */
  replace(rel: string, from: string, to: string): Promise<void>;
  write(rel: string, text: string | Uint8Array): Promise<void>;
  read(rel: string): Promise<string>;
  remove(rel: string): Promise<void>;
  /** Runs the CLI on the copy, for a case that needs something done first (a snapshot). */
  cli(...args: string[]): Promise<{ code: number; out: string; err: string }>;
}

export interface Mistake {
  /** Unique, short: the test's name. */
  name: string;
  /** What the author did, in words. */
  did: string;
  /** The command that must catch it. */
  run: readonly string[];
  edit: (e: Edit) => Promise<void>;
  /** The file a problem line must name (any of them, when several are right). */
  file: string | readonly string[];
  /** The line it must name, when there is one obvious place. */
  line?: number;
  /** What an actionable message says (checked on the problem's own lines, not the code frame). */
  says: RegExp;
  /** What the whole output must also say (e.g. the summary), when the case is about it. */
  summary?: RegExp;
  /** One root cause gives one error (issue 13 §2): no error lines beyond the one. */
  oneError?: true;
}

export function editOf(fixture: Fixture): Edit {
  return {
    async replace(rel, from, to) {
      const text = await readFile(fixture.file(rel), 'utf8');
      const n = text.split(from).length - 1;
      if (n !== 1)
        throw new Error(`the edit expects ${JSON.stringify(from)} once in ${rel}, found ${n}`);
      await writeFile(
        fixture.file(rel),
        text.replace(from, () => to),
      );
    },
    write: async (rel, text) => {
      if (typeof text === 'string') await fixture.write(rel, text);
      else await writeFile(fixture.file(rel), text);
    },
    read: (rel) => fixture.read(rel),
    remove: (rel) => rm(fixture.file(rel)),
    cli: (...args) => fixture.run(...args),
  };
}

/** A derived fact on the grid form (a share in percent, or a plain ratio), as authors.md §4 describes. */
async function addShare(e: Edit, percent: boolean) {
  await e.replace(
    FORM,
    '  ]\n}',
    `  ],
  "derived": [
    {
      "id": "visited_share",
      "label": { "zh": "走访率", "en": "share of households visited" },
      "ratio": { "of": "households_visited", "to": "subject.households", "percent": ${percent} }
    }
  ]
}`,
  );
}

/** The rule's one condition, as written in the fixture. */
const LEAF = `{
        "fact": "grid-daily.households_visited",
        "operator": "greaterThanInclusive",
        "value": { "fact": "subject.households" }
      }`;

const rule = (from: string, to: string) => (e: Edit) => e.replace(RULE, from, to);
const test = (from: string, to: string) => (e: Edit) => e.replace(TEST, from, to);

export const MISTAKES: readonly Mistake[] = [
  // ── JSON as people type it ────────────────────────────────────────────────────────────────
  {
    name: 'json: trailing comma after the last field',
    did: 'left a comma after "deadline", the last field of the rule',
    run: CHECK,
    edit: rule(`"basis": "assumed" }\n}`, `"basis": "assumed" },\n}`),
    file: RULE,
    line: 35,
    says: /comma/i,
  },
  {
    name: 'json: single quotes around a value',
    did: "wrote 'critical' in single quotes",
    run: CHECK,
    edit: rule(`"severity": "critical"`, `"severity": 'critical'`),
    file: RULE,
    line: 10,
    says: /double quot|"\s*\(not '|quot.*"/i,
  },
  {
    name: 'json: the closing brace is missing',
    did: 'deleted the last "}" of the file',
    run: CHECK,
    edit: rule(`"basis": "assumed" }\n}`, `"basis": "assumed" }\n`),
    file: RULE,
    says: /brace|"\}"|clos/i,
  },
  {
    name: 'json: a comma is missing between two fields',
    did: 'forgot the comma at the end of the "severity" line',
    run: CHECK,
    edit: rule(`"severity": "critical",`, `"severity": "critical"`),
    file: RULE,
    says: /comma/i,
  },
  {
    // A byte order mark alone is no mistake worth failing a run for (Shoutu reads it): the case is
    // that it must not move or hide the place of a real mistake.
    name: 'json: a byte order mark from Notepad, and a wrong severity',
    did: 'saved the rule as "UTF-8 with BOM" in Windows Notepad, with "severity": "high"',
    run: CHECK,
    edit: async (e) =>
      e.write(RULE, `\uFEFF${(await e.read(RULE)).replace('"critical"', '"high"')}`),
    file: RULE,
    line: 10,
    says: /critical.*major.*minor/,
  },
  {
    name: 'json: a // comment',
    did: 'wrote a comment line above "conditions" to explain the threshold',
    run: CHECK,
    edit: rule(`  "conditions": {`, `  // 阈值：全部住户\n  "conditions": {`),
    file: RULE,
    line: 26,
    says: /comment/i,
  },
  {
    name: 'json: full-width comma from a Chinese IME',
    did: 'typed "，" instead of "," after "critical"',
    run: CHECK,
    edit: rule(`"severity": "critical",`, `"severity": "critical"，`),
    file: RULE,
    line: 10,
    says: /full-?width|，|Chinese/i,
  },
  {
    name: 'json: full-width colon from a Chinese IME',
    did: 'typed "：" instead of ":" after "severity"',
    run: CHECK,
    edit: rule(`"severity": "critical",`, `"severity"："critical",`),
    file: RULE,
    line: 10,
    says: /full-?width|：|Chinese/i,
  },
  {
    name: 'json: Chinese curly quotes',
    did: "typed “critical” with the IME's quotation marks",
    run: CHECK,
    edit: rule(`"severity": "critical",`, `"severity": “critical”,`),
    file: RULE,
    line: 10,
    says: /“|curly|straight|full-?width|Chinese/i,
  },
  {
    name: 'json: a tab typed inside a text',
    did: 'pressed Tab inside the English title',
    run: CHECK,
    edit: rule(
      `"en": "Every household in the grid screened"`,
      `"en": "Every household\tin the grid screened"`,
    ),
    file: RULE,
    line: 4,
    says: /tab|\\t/i,
  },
  {
    name: 'json: a key without quotes',
    did: 'wrote severity: "critical" as in JavaScript or YAML',
    run: CHECK,
    edit: rule(`"severity": "critical",`, `severity: "critical",`),
    file: RULE,
    line: 10,
    says: /quot/i,
  },
  {
    name: 'json: a word value without quotes',
    did: 'wrote "severity": critical without quotes',
    run: CHECK,
    edit: rule(`"severity": "critical",`, `"severity": critical,`),
    file: RULE,
    line: 10,
    says: /quot/i,
  },
  {
    name: 'json: an empty rule file',
    did: 'created the rule file and saved it empty',
    run: CHECK,
    edit: (e) => e.write('rules/prevention/fever-referral.json', ''),
    file: 'rules/prevention/fever-referral.json',
    line: 1,
    says: /empty/i,
  },

  {
    name: 'json: a percent sign after a number',
    did: 'wrote the threshold as 90% as on paper',
    run: CHECK,
    edit: rule(`"value": { "fact": "subject.households" }`, `"value": 90%`),
    file: RULE,
    line: 31,
    says: /%|per ?cent/i,
  },
  {
    name: 'json: the same key twice',
    did: 'added "severity": "major" below the old line instead of changing it',
    run: CHECK,
    edit: rule(`"severity": "critical",`, `"severity": "critical",\n  "severity": "major",`),
    file: RULE,
    says: /twice|duplicate|already|more than once/i,
  },

  // ── keys and enums ────────────────────────────────────────────────────────────────────────
  {
    name: 'key: "serverity" mistyped',
    did: 'mistyped "severity" as "serverity" (the issue: 1:1 "found nothing")',
    run: CHECK,
    edit: rule(`"severity": "critical"`, `"serverity": "critical"`),
    file: RULE,
    line: 10,
    says: /did you mean "severity"/,
    oneError: true,
  },
  {
    name: 'key: "Severity" capitalised',
    did: 'wrote "Severity" with a capital letter',
    run: CHECK,
    edit: rule(`"severity": "critical"`, `"Severity": "critical"`),
    file: RULE,
    line: 10,
    says: /"severity"/,
    oneError: true,
  },
  {
    name: 'key: "appliesto" in lower case',
    did: 'wrote "appliesto" instead of "appliesTo"',
    run: CHECK,
    edit: rule(`"appliesTo":`, `"appliesto":`),
    file: RULE,
    line: 9,
    says: /"appliesTo"/,
    oneError: true,
  },
  {
    name: 'key: "remediation" left out',
    did: 'deleted the remediation block, not knowing it is required',
    run: CHECK,
    edit: rule(
      `  "remediation": {
    "zh": "网格长当日组织补访未走访住户，社区党委书记核查并在次日报告中体现。",
    "en": "The grid leader arranges visits to the households missed the same day; the community secretary checks that the next report shows them."
  },
`,
      '',
    ),
    file: RULE,
    says: /"?remediation"?.*(missing|required|expected|add)|(missing|required|expected|add).*"?remediation/i,
  },
  {
    name: 'key: "condition" for "conditions"',
    did: 'wrote "condition": { "all": … } at the top of the rule',
    run: CHECK,
    edit: rule(`  "conditions": {`, `  "condition": {`),
    file: RULE,
    line: 26,
    says: /"conditions"/,
    oneError: true,
  },
  {
    name: 'enum: severity "high"',
    did: 'wrote "high", the word of their office, for the severity',
    run: CHECK,
    edit: rule(`"severity": "critical"`, `"severity": "high"`),
    file: RULE,
    line: 10,
    says: /critical.*major.*minor/,
  },
  {
    name: 'enum: severity "Critical"',
    did: 'capitalised the severity',
    run: CHECK,
    edit: rule(`"severity": "critical"`, `"severity": "Critical"`),
    file: RULE,
    line: 10,
    says: /"critical"/,
  },
  {
    name: 'enum: severity in Chinese',
    did: 'wrote "重大" for the severity',
    run: CHECK,
    edit: rule(`"severity": "critical"`, `"severity": "重大"`),
    file: RULE,
    line: 10,
    says: /critical.*major.*minor/,
  },
  {
    name: 'enum: missing mode "failed"',
    did: 'wrote "failed" for the missing mode (the issue: "does not match any allowed form")',
    run: CHECK,
    edit: rule(`"mode": "fail"`, `"mode": "failed"`),
    file: RULE,
    line: 25,
    says: /fail.*skip.*carry/,
  },
  {
    name: 'enum: missing mode "carry" without days',
    did: 'chose "carry" but did not say for how many days',
    run: CHECK,
    edit: rule(`"mode": "fail"`, `"mode": "carry"`),
    file: RULE,
    line: 25,
    says: /"?days"?/,
  },
  {
    name: 'value: carry for 0 days',
    did: 'wrote "mode": "carry", "days": 0',
    run: CHECK,
    edit: rule(`"mode": "fail"`, `"mode": "carry", "days": 0`),
    file: RULE,
    line: 25,
    says: /at least 1|1 to 60|skip|fail/,
  },
  {
    name: 'type: carry days as text',
    did: 'wrote "days": "3" in quotes',
    run: CHECK,
    edit: rule(`"mode": "fail"`, `"mode": "carry", "days": "3"`),
    file: RULE,
    line: 25,
    says: /number/i,
  },
  {
    name: 'enum: responsible "departmental"',
    did: 'wrote "departmental" for who answers',
    run: CHECK,
    edit: rule(`"responsible": "territorial"`, `"responsible": "departmental"`),
    file: RULE,
    line: 11,
    says: /department.*territorial|territorial.*department/,
  },
  {
    name: 'enum: responsible as a job title',
    did: 'wrote the job title "网格长" for who answers',
    run: CHECK,
    edit: rule(`"responsible": "territorial"`, `"responsible": "网格长"`),
    file: RULE,
    line: 11,
    says: /territorial/,
  },
  {
    name: 'operator: ">="',
    did: 'wrote the operator as ">="',
    run: CHECK,
    edit: rule(`"operator": "greaterThanInclusive"`, `"operator": ">="`),
    file: RULE,
    line: 30,
    says: /greaterThanInclusive/,
  },
  {
    name: 'operator: "greaterThanOrEqual"',
    did: 'guessed the operator name "greaterThanOrEqual"',
    run: CHECK,
    edit: rule(`"operator": "greaterThanInclusive"`, `"operator": "greaterThanOrEqual"`),
    file: RULE,
    line: 30,
    says: /greaterThanInclusive/,
  },
  {
    name: 'operator: "equals"',
    did: 'wrote "equals" for "equal"',
    run: CHECK,
    edit: rule(`"operator": "greaterThanInclusive"`, `"operator": "equals"`),
    file: RULE,
    line: 30,
    says: /\bequal\b/,
  },
  {
    name: 'operator: "gte"',
    did: 'wrote "gte" as in a database query',
    run: CHECK,
    edit: rule(`"operator": "greaterThanInclusive"`, `"operator": "gte"`),
    file: RULE,
    line: 30,
    says: /greaterThanInclusive/,
  },
  {
    name: 'operator: wrong case',
    did: 'wrote "greaterthaninclusive" all in lower case',
    run: CHECK,
    edit: rule(`"operator": "greaterThanInclusive"`, `"operator": "greaterthaninclusive"`),
    file: RULE,
    line: 30,
    says: /greaterThanInclusive/,
  },

  // ── wrong types and values ────────────────────────────────────────────────────────────────
  {
    name: 'type: version "2" in quotes',
    did: 'added "version": "2" as text',
    run: CHECK,
    edit: rule(`"area": "prevention",`, `"area": "prevention",\n  "version": "2",`),
    file: RULE,
    line: 4,
    says: /number|without quotes/i,
  },
  {
    name: 'value: version 0',
    did: 'started counting versions at 0',
    run: CHECK,
    edit: rule(`"area": "prevention",`, `"area": "prevention",\n  "version": 0,`),
    file: RULE,
    line: 4,
    says: /at least 1|from 1|1 or (more|greater)|≥ ?1/i,
  },
  {
    name: 'value: version 1.1',
    did: 'numbered a small change version 1.1',
    run: CHECK,
    edit: rule(`"area": "prevention",`, `"area": "prevention",\n  "version": 1.1,`),
    file: RULE,
    line: 4,
    says: /whole|integer/i,
  },
  {
    name: 'type: deadline days "0" in quotes',
    did: 'wrote "days": "0" as text',
    run: CHECK,
    edit: rule(`"days": 0,`, `"days": "0",`),
    file: RULE,
    line: 35,
    says: /number|without quotes/i,
  },
  {
    name: 'value: deadline days -1',
    did: 'wrote -1 days meaning "before the day"',
    run: CHECK,
    edit: rule(`"days": 0,`, `"days": -1,`),
    file: RULE,
    line: 35,
    says: /at least 0|negative|0 is the same day|>= ?0/i,
  },
  {
    name: 'value: deadline with both days and hours',
    did: 'gave "days": 0 and "hours": 2',
    run: CHECK,
    edit: rule(`"days": 0,`, `"days": 0, "hours": 2,`),
    file: RULE,
    line: 35,
    says: /exactly one|either|not both|one of/i,
  },
  {
    name: 'enum: deadline basis "assume"',
    did: 'wrote "assume" for the basis',
    run: CHECK,
    edit: rule(`"basis": "assumed"`, `"basis": "assume"`),
    file: RULE,
    line: 35,
    says: /"assumed"/,
  },
  {
    name: 'date: slashes',
    did: 'wrote the effective date as 2020/01/25',
    run: CHECK,
    edit: rule(`"from": "2020-01-25"`, `"from": "2020/01/25"`),
    file: RULE,
    line: 24,
    says: /YYYY-MM-DD|2020-01-25/,
  },
  {
    name: 'date: a day that does not exist',
    did: 'wrote 2020-02-30',
    run: CHECK,
    edit: rule(`"from": "2020-01-25"`, `"from": "2020-02-30"`),
    file: RULE,
    line: 24,
    says: /no such|not a (real )?day|does not exist|has no|only has|29/i,
  },
  {
    name: 'date: effective period ends before it starts',
    did: 'swapped from and to',
    run: CHECK,
    edit: rule(`"from": "2020-01-25"`, `"from": "2020-03-01", "to": "2020-01-25"`),
    file: RULE,
    line: 24,
    says: /before/,
  },
  {
    name: 'text: title without English',
    did: 'gave the title in Chinese only, in a project of zh and en',
    run: CHECK,
    edit: rule(
      `"title": { "zh": "网格逐户排查全覆盖", "en": "Every household in the grid screened" }`,
      `"title": { "zh": "网格逐户排查全覆盖" }`,
    ),
    file: RULE,
    line: 4,
    says: /"en"|English/,
  },
  {
    name: 'text: title as a plain string',
    did: 'wrote the title as one Chinese string',
    run: CHECK,
    edit: rule(
      `"title": { "zh": "网格逐户排查全覆盖", "en": "Every household in the grid screened" }`,
      `"title": "网格逐户排查全覆盖"`,
    ),
    file: RULE,
    line: 4,
    says: /"zh"/,
  },
  {
    name: 'area: capitalised',
    did: 'wrote "Prevention" as on the scoring page',
    run: CHECK,
    edit: rule(`"area": "prevention"`, `"area": "Prevention"`),
    file: RULE,
    line: 3,
    says: /"prevention"/,
  },
  {
    name: 'area: not one of scoring.json',
    did: 'invented the area "epidemic"',
    run: CHECK,
    edit: rule(`"area": "prevention"`, `"area": "epidemic"`),
    file: RULE,
    line: 3,
    says: /prevention.*security.*safety/,
    oneError: true,
  },
  {
    name: 'appliesTo: level plural',
    did: 'wrote "grids"',
    run: CHECK,
    edit: rule(`"level": "grid"`, `"level": "grids"`),
    file: RULE,
    line: 9,
    says: /\bgrid\b/,
    oneError: true,
  },
  {
    name: 'appliesTo: level by its Chinese name',
    did: 'wrote the level as "网格", its name on the pages',
    run: CHECK,
    edit: rule(`"level": "grid"`, `"level": "网格"`),
    file: RULE,
    line: 9,
    says: /\bgrid\b/,
    oneError: true,
  },
  {
    name: 'appliesTo: kind "unit"',
    did: 'wrote "kind": "unit" (a unit is what it checks, per the glossary)',
    run: CHECK,
    edit: rule(`"kind": "territory"`, `"kind": "unit"`),
    file: RULE,
    line: 9,
    says: /territory.*place|place.*territory/,
  },
  {
    name: 'id: capitals and a space',
    did: 'wrote the id as "Prevention.Grid Screening"',
    run: CHECK,
    edit: rule(`"id": "prevention.grid-screening"`, `"id": "Prevention.Grid Screening"`),
    file: RULE,
    line: 2,
    says: /lower-case/,
  },

  {
    name: 'shape: effective as a date',
    did: 'wrote "effective": "2020-01-25"',
    run: CHECK,
    edit: rule(`"effective": { "from": "2020-01-25" }`, `"effective": "2020-01-25"`),
    file: RULE,
    line: 24,
    says: /"from"/,
  },
  {
    name: 'shape: appliesTo as a level',
    did: 'wrote "appliesTo": "grid"',
    run: CHECK,
    edit: rule(`"appliesTo": { "kind": "territory", "level": "grid" }`, `"appliesTo": "grid"`),
    file: RULE,
    line: 9,
    says: /"kind"|"level"/,
  },
  {
    name: 'type: assumed "yes"',
    did: 'wrote "assumed": "yes"',
    run: CHECK,
    edit: rule(`"assumed": true`, `"assumed": "yes"`),
    file: RULE,
    line: 22,
    says: /true or false|\btrue\b/,
  },
  {
    name: 'deadline: no basis',
    did: 'wrote "deadline": { "days": 0 } without saying where it comes from',
    run: CHECK,
    edit: rule(`"days": 0, "basis": "assumed"`, `"days": 0`),
    file: RULE,
    line: 35,
    says: /"assumed"/,
  },

  // ── facts and conditions ──────────────────────────────────────────────────────────────────
  {
    name: 'fact: mistyped field',
    did: 'wrote "grid-daily.households_visit"',
    run: CHECK,
    edit: rule(`"fact": "grid-daily.households_visited"`, `"fact": "grid-daily.households_visit"`),
    file: RULE,
    line: 29,
    says: /grid-daily\.households_visited/,
  },
  {
    name: 'fact: field without its form',
    did: 'wrote "households_visited" as in the CSV header',
    run: CHECK,
    edit: rule(`"fact": "grid-daily.households_visited"`, `"fact": "households_visited"`),
    file: RULE,
    line: 29,
    says: /grid-daily\.households_visited/,
  },
  {
    name: 'fact: the field by its Chinese label',
    did: 'wrote "grid-daily.已走访户数", the label on the form, for the field',
    run: CHECK,
    edit: rule(`"fact": "grid-daily.households_visited"`, `"fact": "grid-daily.已走访户数"`),
    file: RULE,
    line: 29,
    says: /grid-daily\.households_visited/,
  },
  {
    name: 'fact: registry attribute without "subject."',
    did: 'wrote { "fact": "households" } for the registered households',
    run: CHECK,
    edit: rule(`{ "fact": "subject.households" }`, `{ "fact": "households" }`),
    file: RULE,
    line: 31,
    says: /subject\.households/,
  },
  {
    name: 'fact: unknown form id',
    did: 'wrote "grid-report.households_visited", the form title in their head',
    run: CHECK,
    edit: rule(
      `"fact": "grid-daily.households_visited"`,
      `"fact": "grid-report.households_visited"`,
    ),
    file: RULE,
    line: 29,
    says: /grid-daily/,
  },
  {
    name: 'fact: a form the subjects do not fill in',
    did: "checked the street's duty report in a rule on grids",
    run: CHECK,
    edit: rule(
      LEAF,
      `{ "fact": "street-duty.leading_cadre_on_shift", "operator": "equal", "value": true }`,
    ),
    file: RULE,
    line: 28,
    says: /street/,
  },
  {
    name: 'fact: registry attribute mistyped',
    did: 'wrote "subject.household"',
    run: CHECK,
    edit: rule(`{ "fact": "subject.households" }`, `{ "fact": "subject.household" }`),
    file: RULE,
    line: 31,
    says: /subject\.households/,
  },
  {
    name: 'fact: a personal field',
    did: "checked that the reporter's phone is filled in",
    run: CHECK,
    edit: rule(
      LEAF,
      `{ "fact": "grid-daily.reporter_phone", "operator": "notEqual", "value": "" }`,
    ),
    file: RULE,
    line: 28,
    says: /personal/,
  },
  {
    name: 'value: a number written as text',
    did: 'wrote the threshold as "480" in quotes',
    run: CHECK,
    edit: rule(`"value": { "fact": "subject.households" }`, `"value": "480"`),
    file: RULE,
    line: 31,
    says: /number/i,
  },
  {
    name: 'value: a word compared with a number',
    did: 'wrote "全部" (all) as the threshold',
    run: CHECK,
    edit: rule(`"value": { "fact": "subject.households" }`, `"value": "全部"`),
    file: RULE,
    line: 31,
    says: /number/i,
  },
  {
    name: 'value: "是" for yes',
    did: 'compared a yes/no field with "是", as typed in WPS',
    run: CHECK,
    edit: async (e) => {
      await e.replace(RULE, `"level": "grid"`, `"level": "street"`);
      await e.replace(
        RULE,
        LEAF,
        `{ "fact": "street-duty.leading_cadre_on_shift", "operator": "equal", "value": "是" }`,
      );
    },
    file: RULE,
    line: 28,
    says: /true or false|\btrue\b/,
  },
  {
    name: 'value: threshold in another unit',
    did: 'said the threshold is in "%" for a count of households',
    run: CHECK,
    edit: rule(`"value": { "fact": "subject.households" }`, `"value": 90,\n        "unit": "%"`),
    file: RULE,
    says: /household/,
  },
  {
    name: 'conditions: empty "all"',
    did: 'left "all": [] while drafting',
    run: CHECK,
    edit: rule(`"all": [\n      ${LEAF}\n    ]`, `"all": []`),
    file: RULE,
    line: 27,
    says: /at least one/,
  },
  {
    name: 'conditions: a list at the top',
    did: 'wrote "conditions": [ … ] without "all"',
    run: CHECK,
    edit: rule(`{\n    "all": [\n      ${LEAF}\n    ]\n  }`, `[\n      ${LEAF}\n  ]`),
    file: RULE,
    line: 26,
    says: /"all"/,
  },
  {
    name: 'conditions: "operator" left out',
    did: 'forgot the operator of the condition',
    run: CHECK,
    edit: rule(`        "operator": "greaterThanInclusive",\n`, ''),
    file: RULE,
    line: 28,
    says: /"operator"/,
  },
  {
    name: 'conditions: "values" for "value"',
    did: 'wrote "values"',
    run: CHECK,
    edit: rule(
      `"value": { "fact": "subject.households" }`,
      `"values": { "fact": "subject.households" }`,
    ),
    file: RULE,
    line: 31,
    says: /"value"/,
  },
  {
    name: 'conditions: "anyOf" for "any"',
    did: 'wrote "anyOf" as in JSON Schema',
    run: CHECK,
    edit: rule(`"all": [`, `"anyOf": [`),
    file: RULE,
    line: 27,
    says: /"any"/,
  },
  {
    name: 'conditions: "in" with one value',
    did: 'used "in" with a single number',
    run: CHECK,
    edit: rule(
      `"operator": "greaterThanInclusive",\n        "value": { "fact": "subject.households" }`,
      `"operator": "in",\n        "value": 480`,
    ),
    file: RULE,
    says: /list/,
  },
  {
    name: 'conditions: "all" and "any" side by side',
    did: 'added an "any" list next to "all" in the same object',
    run: CHECK,
    edit: rule(
      `    ]\n  },\n  "deadline"`,
      `    ],\n    "any": [{ "fact": "subject.households", "operator": "greaterThan", "value": 0 }]\n  },\n  "deadline"`,
    ),
    file: RULE,
    says: /(one|either|both|nest|inside).*("all"|"any")|("all"|"any").*(one|either|both|nest|inside)/i,
  },
  {
    name: 'conditions: "not" with a list',
    did: 'wrote "not": [ … ] like "all"',
    run: CHECK,
    edit: rule(`"all": [`, `"not": [`),
    file: RULE,
    line: 27,
    says: /one condition|single|\{ … \}|an object|not a list/i,
  },
  {
    name: 'shared condition: does not exist',
    did: 'named a shared condition "household-coverage" without writing it',
    run: CHECK,
    edit: rule(LEAF, `{ "condition": "household-coverage" }`),
    file: RULE,
    line: 28,
    says: /rules\/conditions\/household-coverage\.json/,
  },
  {
    name: 'shared condition: "conditions" for "condition"',
    did: 'wrote { "conditions": "coverage" } to use a shared condition',
    run: CHECK,
    edit: async (e) => {
      await e.write(
        'rules/conditions/coverage.json',
        `{
  "name": "coverage",
  "description": { "zh": "全覆盖", "en": "full coverage" },
  "conditions": { "all": [${LEAF}] }
}
`,
      );
      await e.replace(RULE, LEAF, `{ "conditions": "coverage" }`);
    },
    file: RULE,
    line: 28,
    says: /"condition"/,
    oneError: true,
  },
  {
    name: 'shared condition: names itself',
    did: 'made the shared condition "coverage" refer to "coverage"',
    run: CHECK,
    edit: async (e) => {
      await e.write(
        'rules/conditions/coverage.json',
        `{
  "name": "coverage",
  "description": { "zh": "全覆盖", "en": "full coverage" },
  "conditions": { "all": [{ "condition": "coverage" }] }
}
`,
      );
      await e.replace(RULE, LEAF, `{ "condition": "coverage" }`);
    },
    file: ['rules/conditions/coverage.json', RULE],
    says: /itself/,
  },
  {
    name: 'shared condition: name differs from its file',
    did: 'saved the shared condition "household-coverage" as coverage.json and used "coverage"',
    run: CHECK,
    edit: async (e) => {
      await e.write(
        'rules/conditions/coverage.json',
        `{
  "name": "household-coverage",
  "description": { "zh": "全覆盖", "en": "full coverage" },
  "conditions": { "all": [${LEAF}] }
}
`,
      );
      await e.replace(RULE, LEAF, `{ "condition": "coverage" }`);
    },
    file: ['rules/conditions/coverage.json', RULE],
    says: /household-coverage|coverage\.json/,
  },

  // ── thresholds in the wrong unit (CI runs strict, authors.md §3) ───────────────────────────
  {
    name: 'percent: 0.9 for 90 %',
    did: 'wrote 0.9 for "90 % of households visited", on a share in percent',
    run: STRICT,
    edit: async (e) => {
      await addShare(e, true);
      await e.replace(
        RULE,
        LEAF,
        `{ "fact": "grid-daily.visited_share", "operator": "greaterThanInclusive", "value": 0.9 }`,
      );
    },
    file: RULE,
    says: /\b90\b|per ?cent|%/i,
  },
  {
    name: 'percent: 90 for a ratio of 0 to 1',
    did: 'wrote 90 for a ratio that is not in percent',
    run: STRICT,
    edit: async (e) => {
      await addShare(e, false);
      await e.replace(
        RULE,
        LEAF,
        `{ "fact": "grid-daily.visited_share", "operator": "greaterThanInclusive", "value": 90 }`,
      );
    },
    file: RULE,
    says: /0\.9|per ?cent|fraction|ratio|between 0 and 1/i,
  },

  // ── ids and versions ──────────────────────────────────────────────────────────────────────
  {
    name: 'id: the same rule twice',
    did: 'copied the rule file to start a new one and did not change the id',
    run: CHECK,
    edit: async (e) => e.write('rules/prevention/grid-staffing.json', await e.read(RULE)),
    file: ['rules/prevention/grid-staffing.json', RULE],
    says: /grid-screening\.json|grid-staffing\.json|same id|already/i,
  },
  {
    name: 'version: two versions in force at once',
    did: 'added version 2 from 2020-02-01 without ending version 1',
    run: CHECK,
    edit: async (e) => {
      const v2 = (await e.read(RULE))
        .replace(`"area": "prevention",`, `"area": "prevention",\n  "version": 2,`)
        .replace(`"from": "2020-01-25"`, `"from": "2020-02-01"`);
      await e.write('rules/prevention/grid-screening-v2.json', v2);
    },
    file: [RULE, 'rules/prevention/grid-screening-v2.json'],
    says: /overlap|"to"|at the same time|both in force/i,
  },
  {
    name: 'version: a changed threshold keeps its version',
    did: 'changed "at least" to "more than" after results were published, version unchanged',
    run: CHECK,
    edit: async (e) => {
      const r = await e.cli('evaluate');
      if (r.code !== 0) throw new Error(`evaluate before the edit failed:\n${r.err}`);
      await e.replace(RULE, `"operator": "greaterThanInclusive"`, `"operator": "greaterThan"`);
    },
    file: RULE,
    says: /"?version"?.*2|new version/i,
  },
  {
    name: 'version: a changed missing mode keeps its version',
    did: 'changed the missing mode to "skip" after results were published, version unchanged',
    run: CHECK,
    edit: async (e) => {
      const r = await e.cli('evaluate');
      if (r.code !== 0) throw new Error(`evaluate before the edit failed:\n${r.err}`);
      await e.replace(RULE, `"mode": "fail"`, `"mode": "skip"`);
    },
    file: RULE,
    says: /"?version"?.*2|new version/i,
  },
  {
    name: 'place: a rule at the top of rules/',
    did: 'saved the new rule in rules/ instead of rules/prevention/',
    run: CHECK,
    edit: async (e) =>
      e.write(
        'rules/grid-staffing.json',
        (await e.read(RULE)).replace('"prevention.grid-screening"', '"prevention.grid-staffing"'),
      ),
    file: 'rules/grid-staffing.json',
    says: /rules\/prevention\//,
  },
  {
    name: 'place: a rule in the folder of another area',
    did: 'saved a prevention rule in rules/security/',
    run: CHECK,
    edit: async (e) => {
      await e.write(
        'rules/security/grid-staffing.json',
        (await e.read(RULE)).replace('"prevention.grid-screening"', '"prevention.grid-staffing"'),
      );
      await e.write(
        'rules/security/grid-staffing.test.json',
        (await e.read(TEST)).replace('"prevention.grid-screening"', '"prevention.grid-staffing"'),
      );
    },
    file: 'rules/security/grid-staffing.json',
    says: /rules\/prevention\/|"security"/,
  },

  // ── rule tests ────────────────────────────────────────────────────────────────────────────
  {
    name: 'test: no test file',
    did: 'wrote a rule and no test file',
    run: TEST_RUN,
    edit: (e) => e.remove(TEST),
    file: [RULE, TEST],
    says: /grid-screening\.test\.json/,
  },
  {
    name: 'test: no test file, coverage threshold 0',
    did: 'wrote no test file in a project that asks for no coverage (the issue: exit 0)',
    run: TEST_RUN,
    edit: async (e) => {
      await e.remove(TEST);
      await e.replace(CONFIG, `"minimumCoverage": 100`, `"minimumCoverage": 0`);
    },
    file: [RULE, TEST],
    says: /grid-screening\.test\.json/,
  },
  {
    name: 'test: file named .tests.json',
    did: 'named the test file grid-screening.tests.json',
    run: TEST_RUN,
    edit: async (e) => {
      await e.write('rules/prevention/grid-screening.tests.json', await e.read(TEST));
      await e.remove(TEST);
    },
    file: ['rules/prevention/grid-screening.tests.json', RULE],
    says: /grid-screening\.test\.json/,
    oneError: true,
  },
  {
    name: 'test: "case" for "cases"',
    did: 'wrote "case": [ … ]',
    run: TEST_RUN,
    edit: test(`"cases": [`, `"case": [`),
    file: TEST,
    line: 3,
    says: /"cases"/,
    oneError: true,
  },
  {
    name: 'test: wrong rule id',
    did: 'wrote "prevention.grid-screenings"',
    run: TEST_RUN,
    edit: test(`"rule": "prevention.grid-screening"`, `"rule": "prevention.grid-screenings"`),
    file: TEST,
    line: 2,
    says: /"prevention\.grid-screening"/,
  },
  {
    name: 'test: rule id without its area',
    did: 'wrote "grid-screening", the file name',
    run: TEST_RUN,
    edit: test(`"rule": "prevention.grid-screening"`, `"rule": "grid-screening"`),
    file: TEST,
    line: 2,
    says: /"prevention\.grid-screening"/,
  },
  {
    name: 'test: expect "passed"',
    did: 'wrote "expect": "passed"',
    run: TEST_RUN,
    edit: test(`"expect": "pass"`, `"expect": "passed"`),
    file: TEST,
    line: 7,
    says: /pass.*fail.*missing.*not-applicable/,
  },
  {
    name: 'test: expect "FAIL"',
    did: 'wrote "expect": "FAIL" in capitals',
    run: TEST_RUN,
    edit: test(`"expect": "fail"`, `"expect": "FAIL"`),
    file: TEST,
    line: 12,
    says: /"fail"/,
  },
  {
    name: 'test: expect in Chinese',
    did: 'wrote "expect": "通过"',
    run: TEST_RUN,
    edit: test(`"expect": "pass"`, `"expect": "通过"`),
    file: TEST,
    line: 7,
    says: /pass.*fail/,
  },
  {
    name: 'test: expect true',
    did: 'wrote "expect": true for a passing case',
    run: TEST_RUN,
    edit: test(`"expect": "pass"`, `"expect": true`),
    file: TEST,
    line: 7,
    says: /pass.*fail/,
  },
  {
    name: 'test: "expected" for "expect"',
    did: 'wrote "expected": "pass"',
    run: TEST_RUN,
    edit: test(`"expect": "pass"`, `"expected": "pass"`),
    file: TEST,
    line: 7,
    says: /"expect"/,
    oneError: true,
  },
  {
    name: 'test: a number as text',
    did: 'wrote "480" in quotes for households visited',
    run: TEST_RUN,
    edit: test(`"grid-daily.households_visited": 480`, `"grid-daily.households_visited": "480"`),
    file: TEST,
    line: 6,
    says: /number/i,
  },
  {
    name: 'test: true for a count',
    did: 'wrote true for households visited ("all were visited")',
    run: TEST_RUN,
    edit: test(`"grid-daily.households_visited": 480`, `"grid-daily.households_visited": true`),
    file: TEST,
    line: 6,
    says: /number/i,
  },
  {
    name: 'test: a case without facts',
    did: 'wrote a case with a name and an expectation only',
    run: TEST_RUN,
    edit: test(
      `      "facts": { "grid-daily.households_visited": 480, "subject.households": 480 },\n`,
      '',
    ),
    file: TEST,
    says: /"facts"/,
  },
  {
    name: 'test: "fact" for "facts"',
    did: 'wrote "fact": { … }',
    run: TEST_RUN,
    edit: test(
      `"facts": { "grid-daily.households_visited": 480,`,
      `"fact": { "grid-daily.households_visited": 480,`,
    ),
    file: TEST,
    line: 6,
    says: /"facts"/,
    oneError: true,
  },
  {
    name: 'test: unknown fact',
    did: 'wrote "grid-daily.households" in the facts',
    run: TEST_RUN,
    edit: test(`"grid-daily.households_visited": 212`, `"grid-daily.households": 212`),
    file: TEST,
    line: 11,
    says: /grid-daily\.households_visited/,
  },
  {
    name: 'test: a fact without its form',
    did: 'wrote "households_visited" as in the CSV header',
    run: TEST_RUN,
    edit: test(`"grid-daily.households_visited": 480`, `"households_visited": 480`),
    file: TEST,
    line: 6,
    says: /grid-daily\.households_visited/,
  },
  {
    name: 'test: a registry fact without "subject."',
    did: 'wrote "households": 480 in the facts',
    run: TEST_RUN,
    edit: test(
      `"subject.households": 480 },\n      "expect": "pass"`,
      `"households": 480 },\n      "expect": "pass"`,
    ),
    file: TEST,
    line: 6,
    says: /subject\.households/,
  },
  {
    name: 'test: a fact of a form the subjects do not fill in',
    did: "gave the street's duty report in a test of a grid rule",
    run: TEST_RUN,
    edit: test(
      `"subject.households": 480 },\n      "expect": "pass"`,
      `"subject.households": 480, "street-duty.leading_cadre_on_shift": true },\n      "expect": "pass"`,
    ),
    file: TEST,
    line: 6,
    says: /street/,
  },
  {
    name: 'test: a derived fact beside its raw fields',
    did: 'gave the share visited and the households it is computed from in one case',
    run: TEST_RUN,
    edit: async (e) => {
      await addShare(e, true);
      await e.replace(
        RULE,
        LEAF,
        `{ "fact": "grid-daily.visited_share", "operator": "greaterThanInclusive", "value": 100 }`,
      );
      await e.replace(
        TEST,
        `"facts": { "grid-daily.households_visited": 480, "subject.households": 480 }`,
        `"facts": { "grid-daily.visited_share": 100, "grid-daily.households_visited": 212, "subject.households": 480 }`,
      );
    },
    file: TEST,
    line: 6,
    says: /derived|computed/i,
  },
  {
    name: 'test: expects the wrong outcome',
    did: 'expected "pass" for 212 of 480 households',
    run: TEST_RUN,
    edit: test(`"expect": "fail"`, `"expect": "pass"`),
    file: TEST,
    says: /212 of 480[\s\S]*fail|fail[\s\S]*212 of 480|got "?fail/,
  },
  {
    name: 'test: a case without a name',
    did: 'left out the name of a case',
    run: TEST_RUN,
    edit: test(`      "name": "every household visited",\n`, ''),
    file: TEST,
    says: /"name"/,
  },
  {
    name: 'test: no cases',
    did: 'saved the test file with "cases": []',
    run: TEST_RUN,
    edit: (e) => e.write(TEST, `{\n  "rule": "prevention.grid-screening",\n  "cases": []\n}\n`),
    file: TEST,
    line: 3,
    says: /at least one/,
  },
  {
    name: 'test: cases as an object',
    did: 'wrote "cases": { … } with one case',
    run: TEST_RUN,
    edit: (e) =>
      e.write(
        TEST,
        `{
  "rule": "prevention.grid-screening",
  "cases": {
    "name": "every household visited",
    "facts": { "grid-daily.households_visited": 480, "subject.households": 480 },
    "expect": "pass"
  }
}
`,
      ),
    file: TEST,
    line: 3,
    says: /list|\[/,
  },
  {
    name: 'test: date with slashes',
    did: 'gave the case the date 2020/02/02',
    run: TEST_RUN,
    edit: test(
      `"name": "every household visited",`,
      `"name": "every household visited",\n      "date": "2020/02/02",`,
    ),
    file: TEST,
    line: 6,
    says: /YYYY-MM-DD|2020-02-02/,
  },
  {
    name: 'test: a day before the rule is in force',
    did: 'dated a case 2019-12-01, before the rule took effect',
    run: TEST_RUN,
    edit: test(
      `"name": "every household visited",`,
      `"name": "every household visited",\n      "date": "2019-12-01",`,
    ),
    file: TEST,
    line: 6,
    says: /2020-01-25/,
  },
  {
    name: 'test: trailing comma after the last case',
    did: 'left a comma after the last case',
    run: TEST_RUN,
    edit: test(`      "expect": "fail"\n    }\n`, `      "expect": "fail"\n    },\n`),
    file: TEST,
    line: 13,
    says: /comma/i,
  },
  {
    name: 'test: invalid test file, coverage threshold 0',
    did: 'left a trailing comma in the test file of a project that asks for no coverage',
    run: TEST_RUN,
    edit: async (e) => {
      await e.replace(TEST, `      "expect": "fail"\n    }\n`, `      "expect": "fail"\n    },\n`);
      await e.replace(CONFIG, `"minimumCoverage": 100`, `"minimumCoverage": 0`);
    },
    file: TEST,
    line: 13,
    says: /comma/i,
    summary: /not run/,
  },
  {
    name: 'test: only a passing case',
    did: 'deleted the failing case, so the rule is never seen failing',
    run: TEST_RUN,
    edit: test(
      `,
    {
      "name": "212 of 480 households visited",
      "facts": { "grid-daily.households_visited": 212, "subject.households": 480 },
      "expect": "fail"
    }`,
      '',
    ),
    file: [TEST, RULE],
    says: /fail/,
  },
  {
    name: 'config: coverage as "100%"',
    did: 'wrote "minimumCoverage": "100%"',
    run: TEST_RUN,
    edit: (e) => e.replace(CONFIG, `"minimumCoverage": 100`, `"minimumCoverage": "100%"`),
    file: CONFIG,
    line: 2,
    says: /number|without/i,
  },
];
