import { type FactInfo, factCatalog, formOfFact, type Problem, SUBJECT_FACTS } from '@shoutu/core';
import { UserError } from '../files.js';
import { loadForms, loadRegistry } from '../load.js';
import { type Output, printProblems } from '../output.js';

export type FactRow = FactInfo & { reportedBy: string };

/** The fact catalog of a project, with who reports each fact. */
export async function factRows(root: string): Promise<{ rows: FactRow[]; problems: Problem[] }> {
  const registry = await loadRegistry(root);
  if (!registry.value) return { rows: [], problems: registry.problems };
  const forms = await loadForms(root, registry.value);
  const byForm = forms.value ?? new Map();
  const rows = factCatalog(byForm.values()).map((f) => {
    const form = byForm.get(formOfFact(f.name) ?? '');
    const subject = SUBJECT_FACTS.find((s) => s.name === f.name);
    const reportedBy = form
      ? `${form.id} (${form.subjects.kind === 'territory' ? `each ${form.subjects.level}` : form.subjects.placeTypes.join(', ')})`
      : `registry (${subject?.kind === 'place' ? 'places' : 'territorial units'})`;
    return { ...f, reportedBy };
  });
  return { rows, problems: forms.problems };
}

/** `shoutu facts`: the fact catalog policy authors write rules with, generated from the forms. */
export async function listFacts(o: Output, root: string, json: boolean): Promise<number> {
  const { rows, problems } = await factRows(root);
  printProblems(o, problems);
  if (rows.length === 0) throw new UserError('the registry or forms have errors: fix them first');
  if (json) o.out(JSON.stringify(rows, null, 2));
  else {
    const width = Math.max(...rows.map((r) => r.name.length));
    for (const r of rows)
      o.out(
        `${r.name.padEnd(width)}  ${`${r.type}${r.unit ? ` (${r.unit})` : ''}`.padEnd(20)}  ${r.label.en} / ${r.label.zh}  — ${r.reportedBy}`,
      );
  }
  return 0;
}

/** `rules/FACTS.md`: the catalog as a page authors can read where the rules are. */
export function factsMarkdown(rows: readonly FactRow[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    '# Fact catalog',
    '',
    'Every fact a rule can use, generated from `data/forms/` and the registry by `pnpm shoutu schemas`; do not edit by hand.',
    'Use the name in a condition: `{ "fact": "<name>", "operator": "…", "value": … }`.',
    '',
    '| fact | type | unit | meaning | 含义 | reported by |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| \`${r.name}\` | ${r.type} | ${cell(r.unit ?? '')} | ${cell(r.label.en)} | ${cell(r.label.zh)} | ${cell(r.reportedBy)} |`,
    ),
    '',
  ];
  return lines.join('\n');
}
