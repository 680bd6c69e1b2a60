import { type JsonSource, problemAt } from './json-source.js';
import type { Problem } from './problem.js';
import { RENAMED_RESPONSIBLE } from './rule.js';

/**
 * Warnings for words a rule file still writes the old way (docs/design/authors.md §1): the rule
 * loads with the new word, and the warning points at the key and names the word to write.
 */
export function renamedWordProblems(source: JsonSource): Problem[] {
  const raw = source.value;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const said = (raw as Record<string, unknown>).responsible;
  if (typeof said !== 'string' || !Object.hasOwn(RENAMED_RESPONSIBLE, said)) return [];
  const now = RENAMED_RESPONSIBLE[said];
  return [
    {
      ...problemAt(
        source,
        ['responsible'],
        `"responsible": "${said}" is the old word: write "${now}" (read as "${now}" for now)`,
        undefined,
        'warning',
      ),
      code: 'SHOUTU-N001',
    },
  ];
}
