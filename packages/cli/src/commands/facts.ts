import { type FactInfo, factCatalog, formOfFact, type Problem, textIn } from '@shoutu/core';
import { UserError } from '../files.js';
import { loadForms, loadProjectFile, loadRegistry } from '../load.js';
import { type Output, printProblems } from '../output.js';

export type FactRow = FactInfo & { reportedBy: string };

/** The fact catalog of a project, with who reports each fact. */
export async function factRows(
  root: string,
): Promise<{ rows: FactRow[]; problems: Problem[]; languages: string[] }> {
  const settings = await loadProjectFile(root);
  if (!settings.value) return { rows: [], problems: settings.problems, languages: [] };
  const languages = settings.value.languages;
  const registry = await loadRegistry(root);
  if (!registry.value) return { rows: [], problems: registry.problems, languages };
  const forms = await loadForms(root, registry.value);
  const byForm = forms.value ?? new Map();
  const attributes = registry.value.attributes;
  const rows = factCatalog(byForm.values(), attributes.values()).map((f) => {
    const form = byForm.get(formOfFact(f.name) ?? '');
    const a = attributes.get(f.name.replace(/^subject\./, ''));
    const reportedBy = form
      ? `${form.id} (${form.subjects.kind === 'territory' ? `each ${form.subjects.level}` : form.subjects.placeTypes.join(', ')})`
      : `registry (${a === undefined ? '' : 'placeTypes' in a.appliesTo ? `places of type ${a.appliesTo.placeTypes.join(', ')}` : `each ${a.appliesTo.levels.join(', ')}`})`;
    return { ...f, reportedBy };
  });
  return { rows, problems: forms.problems, languages };
}

/** `shoutu facts`: the fact catalog policy authors write rules with, generated from the forms. */
export async function listFacts(o: Output, root: string, json: boolean): Promise<number> {
  const { rows, problems, languages } = await factRows(root);
  printProblems(o, problems);
  if (rows.length === 0) throw new UserError('the registry or forms have errors: fix them first');
  if (json) o.out(JSON.stringify(rows, null, 2));
  else {
    const width = Math.max(...rows.map((r) => r.name.length));
    for (const r of rows)
      o.out(
        `${r.name.padEnd(width)}  ${`${r.type}${r.unit ? ` (${r.unit})` : ''}`.padEnd(20)}  ${languages.map((l) => textIn(r.label, l)).join(' / ')}  — ${r.derivedFrom ? `${derivedWords(r)}, ` : ''}${r.reportedBy}`,
      );
  }
  return 0;
}

/**
 * "derived from grid-daily.households_visited, subject.households": what a derived fact is
 * computed from, so that a rule test gives it alone or gives those facts, never both.
 */
export function derivedWords(f: FactInfo): string {
  if (!f.derivedFrom) return '';
  return f.derivedFrom.length > 0
    ? `derived from ${f.derivedFrom.join(', ')}`
    : `derived from the days ${formOfFact(f.name) ?? ''} was reported`;
}

/** `rules/FACTS.md`: the catalog as a page authors can read where the rules are. */
export function factsMarkdown(rows: readonly FactRow[], languages: readonly string[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    '# Fact catalog',
    '',
    'Every fact a rule can use, generated from `data/forms/` and the registry by `pnpm shoutu schemas`; do not edit by hand.',
    'Use the name in a condition: `{ "fact": "<name>", "operator": "…", "value": … }`.',
    '',
    'A derived fact is computed from others (the "derived from" column): a rule test gives it alone, and it is used as given, or gives the facts it is computed from, never both.',
    '',
    `| fact | type | measurement unit | ${languages.map((l) => `meaning (${l})`).join(' | ')} | reported by | derived from |`,
    `| --- | --- | --- | ${languages.map(() => '---').join(' | ')} | --- | --- |`,
    ...rows.map(
      (r) =>
        `| \`${r.name}\` | ${r.type} | ${cell(r.unit ?? '')} | ${languages.map((l) => cell(textIn(r.label, l))).join(' | ')} | ${cell(r.reportedBy)} | ${r.derivedFrom ? cell(r.derivedFrom.length > 0 ? r.derivedFrom.map((f) => `\`${f}\``).join(', ') : `the days ${formOfFact(r.name) ?? ''} was reported`) : ''} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
