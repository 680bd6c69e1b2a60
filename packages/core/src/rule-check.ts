import { EXPANDED_CONDITIONS, walkConditions } from './conditions.js';
import { factCatalog, LATE_FIELD, SUBJECT_PREFIX } from './facts.js';
import type { Form, FormField } from './form.js';
import { describeValue } from './issue-text.js';
import { type JsonSource, type PathSegment, problemAt } from './json-source.js';
import { LIMITS } from './limits.js';
import { hint, type Problem } from './problem.js';
import type { Registry } from './registry.js';
import type { Attribute } from './registry-schema.js';
import { renamedWordProblems } from './renamed-words.js';
import type { NestedCondition, Rule, RuleSubjects, SharedCondition } from './rule.js';

/** What a rule may know about a fact: its type and range, and which subjects have it. */
interface FactSpec {
  type: string;
  min?: number | undefined;
  max?: number | undefined;
  options?: string[] | undefined;
  unit?: string | undefined;
  /** Who has the fact: attributes by their levels or place types, form facts by the form's subjects. */
  form?: Form;
  attribute?: Attribute;
}

export interface RuleContext {
  registry: Registry;
  forms: ReadonlyMap<string, Form>;
  /** Shared conditions by name, with the file each came from. */
  shared?: ReadonlyMap<string, { condition: SharedCondition; source: JsonSource }>;
  /** Shared conditions whose files are present but invalid: their problems are reported there. */
  brokenShared?: ReadonlySet<string>;
  /** Forms whose files were present but invalid: facts from them are not reported again. */
  brokenForms?: ReadonlySet<string>;
  /** The policy areas of the scoring method, by id; unchecked when not known. */
  areas?: readonly string[];
}

type Specs = {
  known: Map<string, FactSpec>;
  personal: Set<string>;
  /** Fact names by a label of theirs in any language, trimmed and in lower case. */
  labels: Map<string, string[]>;
};
/** Built once per set of forms and attributes: every rule and every test case asks about the same facts. */
const specsCache = new WeakMap<
  ReadonlyMap<string, Form>,
  WeakMap<ReadonlyMap<string, Attribute>, Specs>
>();
const NO_ATTRIBUTES: ReadonlyMap<string, Attribute> = new Map();

function specs(
  forms: ReadonlyMap<string, Form>,
  attributes: ReadonlyMap<string, Attribute> = NO_ATTRIBUTES,
): Specs {
  let byAttributes = specsCache.get(forms);
  if (!byAttributes) {
    byAttributes = new WeakMap();
    specsCache.set(forms, byAttributes);
  }
  const cached = byAttributes.get(attributes);
  if (cached) return cached;
  const known = new Map<string, FactSpec>();
  const personal = new Set<string>();
  const labels = new Map<string, string[]>();
  const label = (name: string, text: Record<string, string>) => {
    for (const t of Object.values(text)) {
      const key = t.trim().toLowerCase();
      const names = labels.get(key) ?? [];
      if (!names.includes(name)) names.push(name);
      labels.set(key, names);
    }
  };
  for (const a of attributes.values()) label(`${SUBJECT_PREFIX}${a.id}`, a.label);
  for (const form of forms.values())
    for (const field of form.fields)
      if (!field.personal) label(`${form.id}.${field.id}`, field.label);
  for (const a of attributes.values())
    known.set(`${SUBJECT_PREFIX}${a.id}`, {
      type: a.type,
      min: a.min,
      max: a.max,
      options: a.options,
      unit: a.unit,
      attribute: a,
    });
  for (const form of forms.values()) {
    for (const field of form.fields) {
      const name = `${form.id}.${field.id}`;
      if (field.personal) personal.add(name);
      else known.set(name, { ...fieldSpec(field), form });
    }
    // Derived facts take their type and unit from the catalog, so that both always agree.
    const catalog = new Map(factCatalog([form]).map((f) => [f.name, f]));
    for (const d of form.derived ?? []) {
      const name = `${form.id}.${d.id}`;
      const info = catalog.get(name);
      known.set(name, { type: info?.type ?? 'number', min: 0, unit: info?.unit, form });
    }
    known.set(`${form.id}.${LATE_FIELD}`, { type: 'boolean', form });
  }
  const built = { known, personal, labels };
  byAttributes.set(attributes, built);
  return built;
}

function fieldSpec(f: FormField): FactSpec {
  return { type: f.type, min: f.min, max: f.max, options: f.options, unit: f.unit };
}

/**
 * What an unknown fact most likely meant, as `; did you mean "…"?` (or ''): a fact written by the
 * label of its field ("grid-daily.已走访户数", "已走访户数"), or without its form or `subject.`
 * ("households_visited", "households": the names whose part after the dot it is), said with how
 * facts are named; else a near spelling. Shared by `rules check` and `rules test`.
 */
export function factHint(
  fact: string,
  names: Iterable<string>,
  labels: ReadonlyMap<string, readonly string[]> = new Map(),
): string {
  const all = [...names];
  const dot = fact.indexOf('.');
  const after = fact
    .slice(dot + 1)
    .trim()
    .toLowerCase();
  const quoted = (found: readonly string[]) =>
    [...found]
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((n) => `"${n}"`)
      .join(' or ');
  // By label: the whole name, or the part after the form.
  const byLabel = labels.get(fact.trim().toLowerCase()) ?? labels.get(after);
  if (byLabel && byLabel.length > 0) {
    const form = dot > 0 ? fact.slice(0, dot) : undefined;
    const same = form ? byLabel.filter((n) => n.startsWith(`${form}.`)) : [];
    const found = same.length > 0 ? same : byLabel;
    return `: "${dot > 0 ? fact.slice(dot + 1) : fact}" is the label of a field, not its id; did you mean ${quoted(found)}?`;
  }
  // Without its form: the names whose part after the first dot it is.
  const formKnown = dot > 0 && all.some((n) => n.startsWith(fact.slice(0, dot + 1)));
  if (!formKnown) {
    const word = (dot > 0 ? after : fact.toLowerCase()).trim();
    const found = all.filter((n) => n.slice(n.indexOf('.') + 1).toLowerCase() === word);
    if (found.length > 0)
      return `: a fact is named <form>.<field> for a report's field, or subject.<attribute> for the registry's; did you mean ${quoted(found)}?`;
  }
  return hint(fact, all);
}

const NUMERIC = new Set(['integer', 'number']);
const ORDERING = new Set(['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive']);

/**
 * Checks a parsed rule against the forms and the registry: every fact exists and is available
 * for the rule's subjects, and every operator and value fits the fact's type and range.
 */
export function checkRule(source: JsonSource, rule: Rule, ctx: RuleContext): Problem[] {
  // Old words still load, with a warning at the key (SHOUTU-N001).
  const problems: Problem[] = renamedWordProblems(source);
  const at = (code: `SHOUTU-${string}`, path: PathSegment[], message: string) =>
    problems.push(problemAt(code, source, path, message));

  if (ctx.areas !== undefined && !ctx.areas.includes(rule.area))
    at(
      'SHOUTU-R001',
      ['area'],
      `unknown area "${rule.area}"${hint(rule.area, ctx.areas)}: expected one of the areas of rules/scoring.json (${ctx.areas.join(', ')})`,
    );

  const subjects = rule.appliesTo;
  if (subjects.kind === 'territory' && !ctx.registry.level(subjects.level))
    at(
      'SHOUTU-R002',
      ['appliesTo', 'level'],
      `unknown level "${subjects.level}": expected one of ${ctx.registry.levels.map((l) => l.id).join(', ')}`,
    );
  let unknownSubjects = subjects.kind === 'territory' && !ctx.registry.level(subjects.level);
  if (subjects.kind === 'place')
    subjects.placeTypes.forEach((t, i) => {
      if (ctx.registry.placeTypes.has(t)) return;
      unknownSubjects = true;
      at(
        'SHOUTU-R003',
        ['appliesTo', 'placeTypes', i],
        `unknown place type "${t}"${hint(t, ctx.registry.placeTypes.keys())}`,
      );
    });
  // Subjects that do not exist have no facts: that is said once, at appliesTo, and not again
  // as "not reported by …" at every condition (one mistake, one problem).
  const found = checkConditions(
    source,
    rule.conditions,
    ctx,
    unknownSubjects ? undefined : subjects,
  );
  for (const p of found) problems.push(p);
  return problems;
}

/**
 * Checks a shared condition on its own, whether a rule uses it or not: every fact exists (for
 * any subject: the rules that use it are checked for theirs), every operator and value fits the
 * fact, and every shared condition it names exists and does not lead back to it.
 */
export function checkSharedCondition(
  source: JsonSource,
  condition: SharedCondition,
  ctx: RuleContext,
): Problem[] {
  return checkConditions(source, { condition: condition.name }, ctx, undefined, {
    condition,
    source,
  });
}

/**
 * The conditions of a rule (for its subjects) or of a shared condition (`self`, for any subject):
 * facts inside a shared condition are checked in the shared file.
 */
function checkConditions(
  source: JsonSource,
  tree: NestedCondition,
  ctx: RuleContext,
  subjects: RuleSubjects | undefined,
  self?: { condition: SharedCondition; source: JsonSource },
): Problem[] {
  const problems: Problem[] = [];
  const { known, personal, labels } = specs(ctx.forms, ctx.registry.attributes);
  let here = source;
  // A shared condition used many times over would say the same thing at the same place each time.
  const said = new Set<string>();
  const at = (code: `SHOUTU-${string}`, path: PathSegment[], message: string) => {
    const p = problemAt(code, here, path, message);
    const key = `${p.file}:${p.line}:${p.column}:${p.message}`;
    if (said.has(key)) return;
    said.add(key);
    problems.push(p);
  };
  const sharedNamed = (name: string) =>
    self && name === self.condition.name ? self : ctx.shared?.get(name);

  /** The fact's spec, or undefined after reporting why it cannot be used. */
  const usable = (fact: string, path: PathSegment[]): FactSpec | undefined => {
    const spec = known.get(fact);
    if (!spec) {
      if (personal.has(fact))
        at(
          'SHOUTU-R004',
          path,
          `"${fact}" is a personal field: personal data never reaches rules or results`,
        );
      else if (!ctx.brokenForms?.has(fact.slice(0, fact.indexOf('.'))))
        at('SHOUTU-R012', path, `unknown fact "${fact}"${factHint(fact, known.keys(), labels)}`);
      return undefined;
    }
    const gap = subjects ? availability(spec, subjects) : undefined;
    if (gap) {
      at('SHOUTU-R005', path, `the fact "${fact}" ${gap}`);
      return undefined;
    }
    return spec;
  };

  const sources: (typeof here)[] = [];
  // Past a bound every further reference is past it too: the first one says it.
  let bounded = false;
  walkConditions(
    tree,
    {
      reference: (c, path, problem, chain) => {
        const through = [...chain, c.condition].join(' → ');
        if (problem === 'unknown' && !ctx.brokenShared?.has(c.condition))
          at(
            'SHOUTU-R006',
            [...path, 'condition'],
            `unknown shared condition "${c.condition}"${hint(c.condition, ctx.shared?.keys() ?? [])}: expected a file rules/conditions/${c.condition}.json`,
          );
        else if (problem === 'cycle')
          at(
            'SHOUTU-R007',
            [...path, 'condition'],
            `the shared condition "${c.condition}" refers to itself (${through})`,
          );
        else if ((problem === 'too-deep' || problem === 'too-many') && !bounded) {
          bounded = true;
          at(
            'SHOUTU-R008',
            [...path, 'condition'],
            problem === 'too-deep'
              ? `the shared condition "${c.condition}" takes the conditions more than ${LIMITS.jsonDepth} levels deep (${through}): expected at most ${LIMITS.jsonDepth} levels of "all", "any", "not" and shared conditions`
              : `the shared condition "${c.condition}" makes the conditions more than ${EXPANDED_CONDITIONS} conditions long when shared conditions are written out in place (${through}): expected shared conditions that do not use each other over and over`,
          );
        }
      },
      enterShared: (name) => {
        sources.push(here);
        here = sharedNamed(name)?.source ?? here;
      },
      leaveShared: () => {
        here = sources.pop() as typeof here;
      },
      leaf: (c, path) => {
        const spec = usable(c.fact, [...path, 'fact']);
        if (c.path !== undefined)
          at(
            'SHOUTU-R009',
            [...path, 'path'],
            `the fact "${c.fact}" is a plain value: "path" reads inside objects and is not needed`,
          );
        if (c.params !== undefined)
          at(
            'SHOUTU-R009',
            [...path, 'params'],
            `"params" is not used: Shoutu's facts take no parameters`,
          );
        const value = c.value;
        if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
          const other = usable(value.fact, [...path, 'value', 'fact']);
          if (value.path !== undefined || value.params !== undefined)
            at(
              'SHOUTU-R009',
              [...path, 'value'],
              `the fact "${value.fact}" is a plain value: "path" and "params" are not needed`,
            );
          if (spec && other) {
            const wrong = operatorProblem(
              c.operator,
              { fact: c.fact, spec },
              { fact: value.fact, spec: other },
            );
            if (wrong) at('SHOUTU-R010', [...path, wrong.at], wrong.message);
          }
          return;
        }
        if (spec) {
          const wrong = operatorProblem(c.operator, { fact: c.fact, spec }, { values: [value] });
          if (wrong) at('SHOUTU-R010', [...path, wrong.at], wrong.message);
          if (c.unit !== undefined && c.unit !== spec.unit)
            at(
              'SHOUTU-R011',
              [...path, 'unit'],
              spec.unit
                ? `the value is in "${c.unit}", but "${c.fact}" is in "${spec.unit}": expected the threshold in "${spec.unit}"`
                : `"${c.fact}" has no measurement unit: remove "unit"`,
            );
        }
      },
    },
    (name) => sharedNamed(name)?.condition.conditions,
    { path: self ? [] : ['conditions'], sharedPaths: 'restart' },
  );
  return problems;
}

function availability(spec: FactSpec, subjects: RuleSubjects): string | undefined {
  const who =
    subjects.kind === 'territory'
      ? `each ${subjects.level}`
      : `places of type ${subjects.placeTypes.join(', ')}`;
  const a = spec.attribute;
  if (a) {
    const ok =
      subjects.kind === 'territory'
        ? 'levels' in a.appliesTo && a.appliesTo.levels.includes(subjects.level)
        : 'placeTypes' in a.appliesTo &&
          subjects.placeTypes.every((t) =>
            (a.appliesTo as { placeTypes: string[] }).placeTypes.includes(t),
          );
    const has =
      'levels' in a.appliesTo
        ? `each ${a.appliesTo.levels.join(', ')}`
        : `places of type ${a.appliesTo.placeTypes.join(', ')}`;
    return ok
      ? undefined
      : `is an attribute of ${has} in the registry, and this rule applies to ${who}`;
  }
  const form = spec.form;
  if (!form) return undefined;
  const filler =
    form.subjects.kind === 'territory'
      ? `each ${form.subjects.level}`
      : `places of type ${form.subjects.placeTypes.join(', ')}`;
  const ok =
    subjects.kind === 'territory'
      ? form.subjects.kind === 'territory' && form.subjects.level === subjects.level
      : form.subjects.kind === 'place' &&
        subjects.placeTypes.every((t) =>
          (form.subjects as { placeTypes: string[] }).placeTypes.includes(t),
        );
  return ok
    ? undefined
    : `comes from the form "${form.id}", which is filled in by ${filler}; this rule applies to ${who}`;
}

/** One side of a comparison: a fact, or the values written in the rule (each compared in turn). */
type Side = { fact: string; spec: FactSpec } | { values: unknown[] };

/**
 * Fact types that hold a list. None of Shoutu's forms or registry attributes does (each fact
 * holds one value), so the decorators that read a fact as a list are refused.
 */
const LIST_TYPES: ReadonlySet<string> = new Set();
const NO_LIST_FACT =
  'and no fact is a list (each fact of the forms and the registry holds one value)';

/**
 * Whether an operator, decorators and all, fits what it compares: json-rules-engine 7's
 * decorators are followed outside in (`everyValue:swap:in` takes each value, swaps the sides,
 * then asks "in"), so each one's need (a list fact, a list value) is checked on the side it reads.
 * Mistakes of the decorators are said at the operator; of a plain operator, at the value.
 */
function operatorProblem(
  operator: string,
  fact: Side,
  value: Side,
): { at: 'operator' | 'value'; message: string } | undefined {
  const parts = operator.split(':');
  const base = parts[parts.length - 1] as string;
  const decorated = parts.slice(0, -1).some((d) => d !== 'not');
  const where = decorated ? 'operator' : 'value';
  const fail = (message: string) => ({ at: where, message }) as const;
  const atOperator = (message: string) =>
    ({ at: 'operator', message: `"${operator}": ${message}` }) as const;
  let left = fact;
  let right = value;
  let swapped = false;
  // The list a side must be, taken apart into its items; a message when it cannot be one.
  const items = (side: Side, need: string): Side | string => {
    if ('spec' in side)
      return LIST_TYPES.has(side.spec.type)
        ? side
        : `${need} needs a fact that is a list, ${NO_LIST_FACT}; "${side.fact}" is a single ${side.spec.type}`;
    const out: unknown[] = [];
    for (const v of side.values) {
      if (!Array.isArray(v))
        return `${need} needs a list of values, e.g. [1, 2], found ${describeValue(v)}`;
      for (const x of v) out.push(x);
    }
    return { values: out };
  };
  for (const d of parts.slice(0, -1)) {
    if (d === 'not') continue;
    if (d === 'swap') {
      [left, right] = [right, left];
      swapped = !swapped;
      continue;
    }
    const onFact = d === 'someFact' || d === 'everyFact';
    const taken = items(onFact ? left : right, `"${d}"`);
    if (typeof taken === 'string') return atOperator(taken);
    if (onFact) left = taken;
    else right = taken;
  }
  const named = decorated ? `"${base}" here` : `"${base}"`;
  // The fact and the values it is compared with, whichever side each stands on.
  const compare = (a: Side, b: Side): string | undefined => {
    if ('spec' in a && 'spec' in b) {
      if (NUMERIC.has(a.spec.type) !== NUMERIC.has(b.spec.type))
        return `"${a.fact}" (${a.spec.type}) cannot be compared with "${b.fact}" (${b.spec.type})`;
      if (ORDERING.has(base) && !NUMERIC.has(a.spec.type))
        return `"${base}" compares numbers, and these facts are ${kindOf(a.spec)}`;
      return undefined;
    }
    const f = ('spec' in a ? a : b) as { fact: string; spec: FactSpec };
    const vs = ('values' in a ? a : b) as { values: unknown[] };
    if (ORDERING.has(base) && !NUMERIC.has(f.spec.type))
      return `"${base}" compares numbers, and this fact is ${kindOf(f.spec)}`;
    for (const v of vs.values) {
      const p = expectOne(f.spec, v);
      if (p) return p;
    }
    return undefined;
  };
  if (base === 'in' || base === 'notIn') {
    if ('values' in right && right.values.some((v) => !Array.isArray(v)) && !decorated)
      return fail(
        `"${base}" needs a list of values, e.g. [1, 2], found ${describeValue(right.values.find((v) => !Array.isArray(v)))}`,
      );
    const list = items(right, swapped ? `${named} (after "swap")` : named);
    if (typeof list === 'string') return decorated ? atOperator(list) : fail(list);
    const wrong = compare(left, list);
    return wrong ? fail(wrong) : undefined;
  }
  if (base === 'contains' || base === 'doesNotContain') {
    if ('spec' in left && !LIST_TYPES.has(left.spec.type) && !decorated)
      return fail(`"${base}" needs a fact that is a list; this fact is a single ${left.spec.type}`);
    const list = items(left, swapped ? `${named} (after "swap")` : named);
    if (typeof list === 'string') return atOperator(list);
    const wrong = compare(list, right);
    return wrong ? fail(wrong) : undefined;
  }
  const wrong = compare(left, right);
  return wrong ? fail(wrong) : undefined;
}

function kindOf(spec: FactSpec): string {
  return spec.type === 'boolean' ? 'yes/no' : spec.type;
}

/** Whether one value written in a rule fits the fact it is compared with. */
function expectOne(spec: FactSpec, v: unknown): string | undefined {
  const unit = spec.unit ? ` (${spec.unit})` : '';
  if (NUMERIC.has(spec.type)) {
    if (typeof v !== 'number')
      return `expected a number${unit} to compare with, found ${describeValue(v)}`;
    if ((spec.min !== undefined && v < spec.min) || (spec.max !== undefined && v > spec.max))
      return `${v} is outside the range of the field: expected ${
        spec.min !== undefined && spec.max !== undefined
          ? `${spec.min} to ${spec.max}`
          : spec.min !== undefined
            ? `at least ${spec.min}`
            : `at most ${spec.max}`
      }${unit}`;
    return undefined;
  }
  if (spec.type === 'boolean')
    return typeof v === 'boolean' ? undefined : `expected true or false, found ${describeValue(v)}`;
  if (typeof v !== 'string') return `expected text to compare with, found ${describeValue(v)}`;
  if (spec.options && !spec.options.includes(v))
    return `"${v}" is not one of the field's options: ${spec.options.map((o) => `"${o}"`).join(', ')}`;
  return undefined;
}

/**
 * Why a fact cannot be used by rules on these subjects (unknown, personal, or not reported by
 * them), or undefined when it can. For rule tests, whose cases name facts too.
 */
export function whyUnavailable(
  fact: string,
  subjects: RuleSubjects,
  forms: ReadonlyMap<string, Form>,
  /** The registry's attributes (`subject.<id>`). */
  attributes?: ReadonlyMap<string, Attribute>,
): string | undefined {
  const { known, personal } = specs(forms, attributes);
  const spec = known.get(fact);
  if (!spec)
    return personal.has(fact)
      ? `"${fact}" is a personal field: personal data never reaches rules`
      : `unknown fact "${fact}"${factHint(fact, known.keys())}`;
  const gap = availability(spec, subjects);
  return gap ? `the fact "${fact}" ${gap}` : undefined;
}
