/**
 * `shoutu templates [--out DIR]` (issue 13, stream C): for every form of the project, its blank
 * report templates `<form>.csv` and `<form>.xlsx` (see template.ts), written to DIR (default
 * `templates/` in the project folder).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../files.js';
import { loadForms, loadProjectFile, loadRegistry } from '../load.js';
import { type Output, printProblems } from '../output.js';
import { templateCsv, templateXlsx } from './template.js';

export async function writeTemplates(
  o: Output,
  root: string,
  out: string = path.join(root, 'templates'),
): Promise<number> {
  const settings = await loadProjectFile(root);
  printProblems(o, settings.problems);
  if (!settings.value) throw new UserError('data/project.json has errors: fix them first');
  const registry = await loadRegistry(root);
  printProblems(o, registry.problems);
  if (!registry.value) throw new UserError('the registry has errors: fix them first');
  const forms = await loadForms(root, registry.value);
  printProblems(o, forms.problems);
  if (!forms.value || forms.problems.some((p) => p.severity === 'error'))
    throw new UserError('the forms have errors: fix them first');
  const options = {
    languages: settings.value.languages,
    measurementUnits: registry.value.measurementUnits,
  };
  await mkdir(out, { recursive: true });
  const list = [...forms.value.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const form of list) {
    await writeFile(path.join(out, `${form.id}.csv`), templateCsv(form));
    await writeFile(path.join(out, `${form.id}.xlsx`), await templateXlsx(form, options));
  }
  const rel = path.relative(root, out);
  const where = rel.startsWith('..') || path.isAbsolute(rel) ? out : rel || '.';
  o.out(
    `templates: ${list.length} form${list.length === 1 ? '' : 's'}, ${list.length * 2} files (.csv and .xlsx) in ${where}`,
  );
  return 0;
}
