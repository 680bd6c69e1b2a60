import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  type FactInfo,
  factCatalog,
  jsonSchemas,
  OPERATORS,
  type Problem,
  problemsMarkdown,
  textIn,
} from '@shoutu/core';
import { toJson, UserError } from '../files.js';
import { outputJsonSchemas } from '../json/index.js';
import { loadForms, loadProjectFile, loadRegistry, loadScoring } from '../load.js';
import { type Output, printProblems } from '../output.js';
import { derivedWords, factRows, factsMarkdown } from './facts.js';

/**
 * Writes the JSON Schemas that data and rule files name in `$schema`: the generic ones to
 * `packages/core/schemas/`, and for this project's rules `rules/rule.schema.json` and
 * `rules/rule-test.schema.json`, which list every fact of its forms so that an editor completes
 * fact names and flags unknown ones.
 */
export async function writeSchemas(o: Output, root: string, coreDir: string): Promise<number> {
  const generic = jsonSchemas();
  await mkdir(coreDir, { recursive: true });
  for (const [name, schema] of Object.entries(generic))
    await writeFile(path.join(coreDir, name), toJson(schema));
  o.out(`wrote ${Object.keys(generic).length} schemas to ${coreDir}`);
  // The --json output of the commands, documented beside the command line's package.
  const cliDir = path.join(path.dirname(coreDir), '..', 'cli', 'schemas');
  const outputs = outputJsonSchemas();
  await mkdir(cliDir, { recursive: true });
  for (const [name, schema] of Object.entries(outputs))
    await writeFile(path.join(cliDir, name), toJson(schema));
  o.out(`wrote ${Object.keys(outputs).length} schemas of --json output to ${cliDir}`);
  // The problem codes, documented from the catalogue (stream A).
  await writeFile(path.join(cliDir, '..', '..', '..', 'docs', 'problems.md'), problemsMarkdown());
  const project = await projectSchemas(root);
  if ('problems' in project) {
    printProblems(o, project.problems);
    throw new UserError(
      'the rule schemas list the facts of data/forms/: fix the problems above first',
    );
  }
  const { rows, languages } = await factRows(root);
  await writeFile(path.join(root, 'rules', 'FACTS.md'), factsMarkdown(rows, languages));
  for (const [name, schema] of Object.entries(project.schemas))
    await writeFile(path.join(root, 'rules', name), toJson(schema));
  o.out(
    `wrote rules/FACTS.md and ${Object.keys(project.schemas).length} schemas listing ${project.facts} facts to ${path.join(root, 'rules')}`,
  );
  return 0;
}

/** The project's rule schemas: the generic ones with the fact catalog of its forms filled in. */
export async function projectSchemas(
  root: string,
): Promise<{ problems: Problem[] } | { facts: number; schemas: Record<string, unknown> }> {
  const settings = await loadProjectFile(root);
  if (!settings.value) return { problems: settings.problems };
  const languages = settings.value.languages;
  const registry = await loadRegistry(root);
  if (!registry.value) return { problems: registry.problems };
  const forms = await loadForms(root, registry.value);
  if (forms.problems.some((p) => p.severity === 'error')) return { problems: forms.problems };
  const facts = factCatalog(forms.value?.values() ?? [], registry.value.attributes.values());
  const describe = (f: FactInfo) =>
    `${languages.map((l) => textIn(f.label, l)).join(' / ')} (${f.type}${f.unit ? `, ${f.unit}` : ''})${f.derivedFrom ? `, ${derivedWords(f)}` : ''}`;
  const generic = jsonSchemas();
  // Editors offer the areas of the project's scoring method for a rule's "area".
  const areas = (await loadScoring(root)).value?.method.areas.map((a) => a.id);
  return {
    facts: facts.length,
    schemas: {
      'rule.schema.json': withAreas(
        withFacts(
          generic['rule.schema.json'],
          facts,
          describe,
          'Shoutu rule (this project: facts listed)',
        ),
        areas,
      ),
      'shared-condition.schema.json': withFacts(
        generic['shared-condition.schema.json'],
        facts,
        describe,
        'Shoutu shared condition (this project: facts listed)',
      ),
      'rule-test.schema.json': withFacts(
        generic['rule-test.schema.json'],
        facts,
        describe,
        'Shoutu rule test (this project: facts listed)',
      ),
      'scoring.schema.json': generic['scoring.schema.json'],
    },
  };
}

/** Lists the project's areas as the values of a rule's top-level "area". */
function withAreas(schema: unknown, areas: readonly string[] | undefined): unknown {
  const s = schema as { properties?: Record<string, unknown> };
  if (!areas || !s.properties?.area) return schema;
  return { ...s, properties: { ...s.properties, area: { type: 'string', enum: [...areas] } } };
}

/**
 * A test case's "facts": the known fact names as keys, each described (a derived fact says what
 * it is derived from, so an author gives it alone or gives its sources, never both).
 */
function factsOf(
  node: unknown,
  facts: readonly FactInfo[],
  describe: (f: FactInfo) => string,
  names: readonly string[],
): unknown {
  const value = (node as { additionalProperties?: unknown }).additionalProperties;
  const each = value !== null && typeof value === 'object' ? value : {};
  return {
    ...(node as object),
    propertyNames: { enum: names },
    properties: Object.fromEntries(
      facts.map((f) => [f.name, { ...each, description: describe(f) }]),
    ),
  };
}

/** Replaces every "fact" name and every key of "facts" with the list of known facts. */
function withFacts(
  schema: unknown,
  facts: readonly FactInfo[],
  describe: (f: FactInfo) => string,
  title: string,
): unknown {
  const names = facts.map((f) => f.name);
  const factEnum = {
    type: 'string',
    enum: names,
    enumDescriptions: facts.map(describe),
    markdownEnumDescriptions: facts.map(describe),
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'properties' && v && typeof v === 'object') {
        const props: Record<string, unknown> = {};
        for (const [pk, pv] of Object.entries(v)) {
          if (pk === 'fact') props[pk] = factEnum;
          else if (pk === 'facts') props[pk] = factsOf(walk(pv), facts, describe, names);
          else if (pk === 'operator')
            props[pk] = { ...(walk(pv) as object), examples: [...OPERATORS] };
          else props[pk] = walk(pv);
        }
        out[k] = props;
      } else out[k] = walk(v);
    }
    return out;
  };
  return { ...(walk(schema) as object), title };
}
