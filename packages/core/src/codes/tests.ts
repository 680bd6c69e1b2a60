import type { ProblemCodeInfo } from './types.js';

/** Problem codes for rule tests (T) and rule versions (V). */
export const TESTS_CODES: readonly ProblemCodeInfo[] = [
  {
    code: 'SHOUTU-T001',
    name: 'missing-test-file',
    severity: 'error',
    title: 'A rule has no test file beside it',
    explanation:
      'Every rule is tested: `rules/<area>/<name>.json` needs `rules/<area>/<name>.test.json` beside it, with at least a case that passes and one that fails. The message names the file to create. A later version of a rule kept in a file of its own may be tested in the first version\'s test file (its cases then give a `"date"`).\n\n```json\n{\n  "rule": "prevention.grid-screening",\n  "cases": [\n    { "name": "all visited", "facts": { "grid-daily.households_visited": 480, "subject.households": 480 }, "expect": "pass" },\n    { "name": "some missed", "facts": { "grid-daily.households_visited": 212, "subject.households": 480 }, "expect": "fail" }\n  ]\n}\n```',
  },
  {
    code: 'SHOUTU-T002',
    name: 'unknown-rule-in-test',
    severity: 'error',
    title: 'A test file names a rule that does not exist',
    explanation:
      'The `"rule"` of a test file is the `"id"` of a rule. None has this id, so none of the file\'s cases ran: they are counted as "not run" and the run fails. Correct the id (the message suggests the closest one).',
  },
  {
    code: 'SHOUTU-T003',
    name: 'unusable-test-fact',
    severity: 'error',
    title: 'A test case gives a fact the rule cannot read, or a value of the wrong type',
    explanation:
      'A case gives facts as a report and the registry would: each must be a fact of the catalogue (`shoutu facts`, `rules/FACTS.md`) that the rule\'s subjects have, with a value of its type (a number for a number fact, `true`/`false` for a yes/no fact, text for a text fact; `null` for a blank). A case with such a fact does not run: it is counted as "not run" and the run fails.',
  },
  {
    code: 'SHOUTU-T004',
    name: 'case-needs-date',
    severity: 'error',
    title: 'A case of a rule with several versions does not say which one it tests',
    explanation:
      'When a rule has more than one version, each case gives a `"date"` (YYYY-MM-DD) on which the version it tests is in force.',
  },
  {
    code: 'SHOUTU-T005',
    name: 'no-version-on-date',
    severity: 'error',
    title: 'No version of the rule is in force on the date of a case',
    explanation:
      'The `"date"` of a case must fall within the `"effective"` period of a version of the rule. Choose a day on which the version you mean to test is in force.',
  },
  {
    code: 'SHOUTU-T006',
    name: 'derived-fact-beside-its-source',
    severity: 'error',
    title: 'A case gives a derived fact together with a fact it is computed from',
    explanation:
      'A derived fact (a form\'s `"derived"`, marked "derived from …" in `shoutu facts` and `rules/FACTS.md`) is computed from other facts. In a test case give either the derived fact alone, and it is used as given, or the facts it is computed from, and it is computed as `shoutu evaluate` would: not both, since one would silently override the other.',
  },
  {
    code: 'SHOUTU-T007',
    name: 'case-not-as-expected',
    severity: 'error',
    title: 'A test case did not give the outcome it expects',
    explanation:
      'The rule, run on the facts of the case, gave another outcome than `"expect"`. The message names the conditions that decided it. Either the rule or the case is wrong: fix the one that does not say what the policy means.',
  },
  {
    code: 'SHOUTU-T008',
    name: 'coverage-below-minimum',
    severity: 'error',
    title: "A rule's tests cover less than the minimum",
    explanation:
      "Each rule needs a passing and a failing case, and every condition must be seen both true and false (`tests.minimumCoverage` in `rules/rules.config.json`, 100 % by default). `shoutu rules test -v` shows each rule's coverage and what its cases miss.",
  },
  {
    code: 'SHOUTU-T009',
    name: 'misnamed-test-file',
    severity: 'error',
    title: 'A rule test file is not named `<name>.test.json`',
    explanation:
      'Test files are found by their name: `rules/<area>/<name>.test.json`, beside `rules/<area>/<name>.json`, all in lower case. A file named like one but not quite (`<name>.tests.json`, `<name>.spec.json`, `<name>-test.json`, `<name>.Test.JSON` …) is neither read as a rule nor run as a test: rename it as the message says. Its cases count as "not run", so the run fails until it is renamed.',
  },
  {
    code: 'SHOUTU-V001',
    name: 'rule-changed-without-new-version',
    severity: 'error',
    title: 'A rule decides differently but keeps the version of published results',
    explanation:
      'The latest results were made with this version of the rule, and its conditions (with the shared conditions they name), `appliesTo` or `missing` have changed since: published days and new ones would be judged by different rules under one version. End the version in force the day before the change (`"effective": { "from": …, "to": "<day before>" }`) and add the changed rule as a new version: a copy of the file (e.g. `<name>-v2.json`) with the same `"id"`, `"version"` one higher and `"effective": { "from": "<day of the change>" }`. If instead the published results were wrong and should be made again with the change, recompute them (`shoutu evaluate --recompute`). Titles, descriptions, deadlines and sources are not part of what is compared.',
  },
];
