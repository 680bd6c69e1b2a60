import type { ProblemCodeInfo } from './types.js';

/** Problem codes for evaluating days and the published record (E). */
export const RUN_CODES: readonly ProblemCodeInfo[] = [
  {
    code: 'SHOUTU-E001',
    name: 'scoring-changed-same-version',
    severity: 'error',
    title: 'The scoring method changed but its version did not',
    explanation:
      'The latest snapshot in `data/results/` was scored by a method with the same `version` as `rules/scoring.json`, but the method is not the same any more (weights, bands, how missing reports count). Scores computed the new way must be told apart from the published ones: raise `"version"` in `rules/scoring.json`, e.g. from `"2020.1"` to `"2020.2"`. Nothing is evaluated until then.',
  },
  {
    code: 'SHOUTU-E002',
    name: 'snapshot-incomplete',
    severity: 'error',
    title: 'A published snapshot that later days depend on is incomplete',
    explanation:
      "A file of a day's snapshot in `data/results/<day>/` is missing, unlisted in its index, or fails its sha256, and a day to evaluate comes after it: its trends and streaks would be taken from a damaged record, so nothing is evaluated. Repair the day with `shoutu evaluate --recompute --date <day>` (the damaged snapshot is kept under `data/results/superseded/`).",
  },
  {
    code: 'SHOUTU-E003',
    name: 'later-snapshot-incomplete',
    severity: 'warning',
    title: 'A published snapshot after the days evaluated is incomplete',
    explanation:
      'A snapshot in `data/results/<day>/` that comes after every day evaluated is damaged (a file missing, unlisted or failing its sha256). The days evaluated do not depend on it and were written, but the run still fails, since the record is never left damaged in silence and the site build refuses it: repair it with `shoutu evaluate --recompute --date <day>`.',
  },
  {
    code: 'SHOUTU-E004',
    name: 'no-unit-in-force',
    severity: 'error',
    title: 'No unit of the top scored level is in force on the day given',
    explanation:
      'The day given with `--date` comes before every unit of the registry began, or after they all ended, so there is nothing to score. Check the day, or the `validFrom` / `validTo` dates of the units in `data/registry/`.',
  },
  {
    code: 'SHOUTU-E005',
    name: 'no-reports-for-day',
    severity: 'warning',
    title: 'No reports were accepted for the day given',
    explanation:
      'The day given with `--date` has no accepted report rows in `data/reports/<day>/`: the day is evaluated as the daily run does, with every report counted as missing. If reports were sent, check that they are in the folder of the day and that `shoutu validate --day <day>` accepts them.',
  },
];
