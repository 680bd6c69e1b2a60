import { factCatalog, formOfFact, SUBJECT_FACTS } from '@shoutu/core';
import { UserError } from '../files.js';
import { loadForms, loadRegistry } from '../load.js';
import { type Output, printProblems } from '../output.js';

/** `shoutu facts`: the fact catalog policy authors write rules with, generated from the forms. */
export async function listFacts(o: Output, root: string, json: boolean): Promise<number> {
  const registry = await loadRegistry(root);
  if (!registry.value) {
    printProblems(o, registry.problems);
    throw new UserError('the registry has errors: fix them first');
  }
  const forms = await loadForms(root, registry.value);
  printProblems(o, forms.problems);
  const byForm = forms.value ?? new Map();
  const rows = factCatalog(byForm.values()).map((f) => {
    const form = byForm.get(formOfFact(f.name) ?? '');
    const subject = SUBJECT_FACTS.find((s) => s.name === f.name);
    const reportedBy = form
      ? `${form.id} (${form.subjects.kind === 'territory' ? `each ${form.subjects.level}` : form.subjects.placeTypes.join(', ')})`
      : `registry (${subject?.kind === 'place' ? 'places' : 'territorial units'})`;
    return { ...f, reportedBy };
  });
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
