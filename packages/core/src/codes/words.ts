import type { ProblemCodeInfo } from './types.js';

/** Problem codes for words that were renamed or retired (N). */
export const WORDS_CODES: readonly ProblemCodeInfo[] = [
  {
    code: 'SHOUTU-N001',
    name: 'responsible-unit-renamed',
    severity: 'warning',
    title: 'A rule says `"responsible": "unit"`: the word is now `"subject"`',
    explanation: [
      'The party that answers for a finding is one of `subject` (the place or unit the rule',
      'checks, through its first responsible post), `department` (the supervising department) or',
      '`territorial` (the territorial units above, level by level). Older rule files wrote the first',
      'as `"unit"`; "unit" now means only a territorial unit. The rule still loads and is read as',
      '`"subject"`, so nothing changes in the results: write the new word to silence the warning.',
      '',
      '```json',
      '"responsible": "subject"',
      '```',
    ].join('\n'),
  },
];
