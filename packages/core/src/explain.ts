import { foldConditions, type ReferenceProblem, type SharedLookup } from './conditions.js';
import { formatQuantity, type MeasurementUnits } from './measurement-units.js';
import type { ConditionOutcome, FactInfo } from './result.js';
import type { Deadline, LeafCondition, NestedCondition } from './rule.js';
import { type Lang, type LocalizedText, languagesInUse, textIn } from './text.js';

type Scalar = string | number | boolean | null;

const OPERATOR_WORDS: Record<string, Readonly<Record<string, string>>> = {
  equal: { zh: '等于', en: 'equal to' },
  notEqual: { zh: '不等于', en: 'not equal to' },
  lessThan: { zh: '小于', en: 'less than' },
  lessThanInclusive: { zh: '不超过', en: 'at most' },
  greaterThan: { zh: '大于', en: 'more than' },
  greaterThanInclusive: { zh: '不少于', en: 'at least' },
  in: { zh: '属于', en: 'one of' },
  notIn: { zh: '不属于', en: 'none of' },
  contains: { zh: '包含', en: 'containing' },
  doesNotContain: { zh: '不包含', en: 'not containing' },
};

/**
 * The words of an operator under `not`. Chinese cannot put 不 before a word that already says
 * 不 ("不不少于"): it says the opposite comparison instead. English keeps "not at least".
 */
const NEGATED_ZH: Record<string, string> = {
  equal: '不等于',
  notEqual: '等于',
  lessThan: '不小于',
  lessThanInclusive: '超过',
  greaterThan: '不大于',
  greaterThanInclusive: '少于',
  in: '不属于',
  notIn: '属于',
  contains: '不包含',
  doesNotContain: '包含',
};

function operatorWords(base: string, negated: boolean, lang: Lang): string {
  const words = OPERATOR_WORDS[base]?.[lang] ?? OPERATOR_WORDS[base]?.en ?? base;
  if (!negated) return words;
  if (lang === 'zh') return NEGATED_ZH[base] ?? `不${words}`;
  return `not ${words}`;
}

function show(
  v: Scalar | Scalar[] | undefined,
  fact: FactInfo | undefined,
  lang: Lang,
  measurementUnits: MeasurementUnits,
): string {
  if (v === undefined || v === null) return lang === 'zh' ? '无数据' : 'no value';
  if (Array.isArray(v))
    return v.map((x) => show(x, fact, lang, measurementUnits)).join(lang === 'zh' ? '、' : ', ');
  if (typeof v === 'boolean') return lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  return typeof v === 'number' ? formatQuantity(v, fact?.unit, lang, measurementUnits) : v;
}

/**
 * One deciding condition as a plain sentence, e.g.
 * "households visited: 212 of 480 households in the grid (44 %); required: at least 480".
 */
export function describeOutcome(
  o: ConditionOutcome,
  facts: ReadonlyMap<string, FactInfo>,
  lang: Lang,
  /** The registry's measurement units, for the words of quantities. */
  measurementUnits: MeasurementUnits = [],
): string {
  const fact = facts.get(o.fact);
  const label = (fact ? textIn(fact.label, lang) : undefined) ?? o.fact;
  const op = o.operator.split(':');
  const base = op[op.length - 1] ?? o.operator;
  const negated = op.includes('not');
  const words = operatorWords(base, negated, lang);
  const sep = lang === 'zh' ? '：' : ': ';
  const semi = lang === 'zh' ? '；' : '; ';
  const requiredWord = lang === 'zh' ? '要求' : 'required';
  const req = o.required;
  if (req !== null && typeof req === 'object' && !Array.isArray(req)) {
    const other = facts.get(req.fact);
    const otherLabel = (other ? textIn(other.label, lang) : undefined) ?? req.fact;
    const actual = o.actual;
    const both = typeof actual === 'number' && typeof req.value === 'number';
    const pct =
      both && (req.value as number) > 0
        ? Math.round(((actual as number) / (req.value as number)) * 100)
        : undefined;
    const ratio = pct === undefined ? '' : lang === 'zh' ? `（${pct}%）` : ` (${pct} %)`;
    const found = both
      ? `${actual} / ${show(req.value ?? null, other, lang, measurementUnits)}${ratio}`
      : show(actual, fact, lang, measurementUnits);
    const open = lang === 'zh' ? '（' : ' (';
    const close = lang === 'zh' ? '）' : ')';
    return `${label}${sep}${found}${semi}${requiredWord}${sep}${words} ${otherLabel}${open}${show(req.value ?? null, other, lang, measurementUnits)}${close}`;
  }
  // "required: yes" reads better than "required: equal to yes".
  const plain = base === 'equal' && !negated;
  if (plain)
    return `${label}${sep}${show(o.actual, fact, lang, measurementUnits)}${semi}${requiredWord}${sep}${show(req as Scalar, fact, lang, measurementUnits)}`;
  return `${label}${sep}${show(o.actual, fact, lang, measurementUnits)}${semi}${requiredWord}${sep}${words} ${show(req as Scalar | Scalar[], fact, lang, measurementUnits)}`;
}

/** How many days a look-back covered: "over 5 of 7 days", "7天中有5天". */
export function describeCoverage(days: number, of: number, lang: Lang): string {
  return lang === 'zh'
    ? `${of}天中有${days}天`
    : `over ${days} of ${of} ${of === 1 ? 'day' : 'days'}`;
}

/**
 * Why a finding is missing when cells were blank: "left blank in the day's report: households
 * visited (a missing value, not a failure)".
 */
export function describeBlank(
  blank: readonly string[],
  facts: ReadonlyMap<string, FactInfo>,
  lang: Lang,
): string {
  const labels = blank.map((b) => textIn(facts.get(b)?.label ?? { [lang]: b }, lang));
  return lang === 'zh'
    ? `当日报表未填：${labels.join('、')}（按缺失计，不算不合格）`
    : `left blank in the day's report: ${labels.join(', ')} (a missing value, not a failure)`;
}

/**
 * A look-back fact that covered too few days: "fever cases in the last 7 days: reports over 5
 * of 7 days; required: at least 6 days".
 */
export function describeTooFewDays(
  fact: string,
  coverage: { days: number; of: number },
  minDays: number,
  facts: ReadonlyMap<string, FactInfo>,
  lang: Lang,
): string {
  const label = textIn(facts.get(fact)?.label ?? { [lang]: fact }, lang);
  return lang === 'zh'
    ? `${label}：${describeCoverage(coverage.days, coverage.of, lang)}有数据；要求：至少 ${minDays} 天`
    : `${label}: values ${describeCoverage(coverage.days, coverage.of, lang)}; required: at least ${minDays} days`;
}

// ---------------------------------------------------------------------------------------------
// A rule's conditions and deadline in plain words (rule pages, `shoutu explain`).

/**
 * The language the words of conditions and deadlines come out in for a reader of `lang`: they
 * exist in Chinese and English; any other language reads the English words (the labels of facts
 * and the measurement units stay in the project's own languages).
 */
export function wordsLang(lang: Lang): 'zh' | 'en' {
  return lang === 'zh' ? 'zh' : 'en';
}

/** A piece of text, with `lang` where it is not in the reader's language (for a `lang` attribute). */
export interface TextPart {
  text: string;
  lang?: string;
}

/**
 * One node of a rule's conditions in words. Plain text only, never HTML: a page renders `text`
 * (or `parts`, to mark fallen-back words with `lang`) as text.
 * - `all` / `any`: every / at least one of `children` must hold; `text` is the heading;
 * - `not`: its one child must not hold;
 * - `shared`: a shared condition used by `name`; its own tree is the one child;
 * - `leaf`: one comparison, e.g. "households visited: at least registered households"; or a
 *   shared condition that could not be followed (unknown, naming itself, too deep), said so.
 * An `all` or `any` of a single condition (and without a name) is that condition itself.
 */
export interface ConditionWords {
  kind: 'all' | 'any' | 'not' | 'shared' | 'leaf';
  text: string;
  parts: TextPart[];
  children?: ConditionWords[];
  /** The condition's own `name` (json-rules-engine's), or the shared condition's name. */
  name?: string;
}

interface Words {
  all: string;
  any: string;
  not: string;
  sep: string;
  list: string;
  shared: (name: string) => string;
  problem: (name: string, problem: ReferenceProblem) => string;
  /** Some / every element of a fact that is a list (`someFact`, `everyFact`). */
  someFact: (label: string) => string;
  everyFact: (label: string) => string;
  /** Some / every element of the value list (`someValue`, `everyValue`). */
  someValue: (value: string) => string;
  everyValue: (value: string) => string;
  /** A comparison under `not` that also has a quantifier: negated as a whole. */
  notThis: string;
  yes: string;
  no: string;
  none: string;
}

const WORDS: Record<'zh' | 'en', Words> = {
  zh: {
    all: '以下各项全部满足',
    any: '以下各项至少满足一项',
    not: '以下条件不成立',
    sep: '：',
    list: '、',
    shared: (name) => `共用条件“${name}”`,
    problem: (name, problem) =>
      problem === 'unknown'
        ? `共用条件“${name}”不存在`
        : problem === 'cycle'
          ? `共用条件“${name}”引用了自身，未展开`
          : `共用条件“${name}”嵌套过深或条件过多，未展开`,
    someFact: (label) => `${label}中任一项`,
    everyFact: (label) => `${label}中每一项`,
    someValue: (value) => `${value}中任一`,
    everyValue: (value) => `${value}中每一个`,
    notThis: '并非：',
    yes: '是',
    no: '否',
    none: '无数据',
  },
  en: {
    all: 'all of the following',
    any: 'at least one of the following',
    not: 'not the following',
    sep: ': ',
    list: ', ',
    shared: (name) => `the shared condition “${name}”`,
    problem: (name, problem) =>
      problem === 'unknown'
        ? `the shared condition “${name}”, which does not exist`
        : problem === 'cycle'
          ? `the shared condition “${name}”, which names itself (not followed)`
          : `the shared condition “${name}”, nested too deep or too large (not followed)`,
    someFact: (label) => `any of ${label}`,
    everyFact: (label) => `each of ${label}`,
    someValue: (value) => `any of ${value}`,
    everyValue: (value) => `each of ${value}`,
    notThis: 'not so: ',
    yes: 'yes',
    no: 'no',
    none: 'no value',
  },
};

/** json-rules-engine's `swap` decorator compares the value with the fact: the same as the converse. */
const SWAPPED: Record<string, string> = {
  lessThan: 'greaterThan',
  greaterThan: 'lessThan',
  lessThanInclusive: 'greaterThanInclusive',
  greaterThanInclusive: 'lessThanInclusive',
  in: 'contains',
  contains: 'in',
  notIn: 'doesNotContain',
  doesNotContain: 'notIn',
};

export interface DescribeOptions {
  /** The shared conditions a rule may name, by name (as the engine has them). */
  shared?: SharedLookup;
  /** What each shared condition is about, by name (their files' `description`). */
  sharedDescriptions?: ReadonlyMap<string, LocalizedText>;
  /** The registry's measurement units, for the words of quantities. */
  measurementUnits?: MeasurementUnits;
}

/** A text in the reader's language, else the language `textIn` falls back to, marked. */
function pick(text: LocalizedText, lang: Lang): TextPart {
  const own = text[lang];
  if (own !== undefined) return { text: own };
  const shown = textIn(text, lang);
  const from =
    languagesInUse().find((l) => text[l] === shown) ??
    Object.keys(text).find((l) => text[l] === shown);
  return from === undefined ? { text: shown } : { text: shown, lang: from };
}

/** Joins pieces, merging neighbours in the same language. */
function joined(parts: TextPart[]): { text: string; parts: TextPart[] } {
  const out: TextPart[] = [];
  for (const p of parts) {
    if (p.text === '') continue;
    const last = out[out.length - 1];
    if (last && last.lang === p.lang) last.text += p.text;
    else out.push(p.lang === undefined ? { text: p.text } : { text: p.text, lang: p.lang });
  }
  return { text: out.map((p) => p.text).join(''), parts: out };
}

function leafWords(
  c: LeafCondition,
  facts: ReadonlyMap<string, FactInfo>,
  lang: Lang,
  measurementUnits: MeasurementUnits,
): TextPart[] {
  const wl = wordsLang(lang);
  const W = WORDS[wl];
  const mark = (text: string): TextPart => (wl === lang ? { text } : { text, lang: wl });
  const decorators = c.operator.split(':');
  const written = decorators.pop() ?? c.operator;
  const count = (d: string) => decorators.filter((x) => x === d).length;
  const negated = count('not') % 2 === 1;
  const base = count('swap') % 2 === 1 ? (SWAPPED[written] ?? written) : written;
  const quantified = decorators.some((d) => d !== 'not' && d !== 'swap');
  // "not: any of X equal to 3" is not "any of X: not equal to 3": with a quantifier, negate the whole.
  const wholeNot = negated && quantified;
  const ownNot = negated && !quantified;

  const labelOf = (fact: string, path: string | undefined): TextPart => {
    const info = facts.get(fact);
    const part = info ? pick(info.label, lang) : { text: fact };
    return path === undefined ? part : { ...part, text: `${part.text} ${path}` };
  };
  const scalar = (v: string | number | boolean | null): string => {
    if (v === null) return W.none;
    if (typeof v === 'boolean') return v ? W.yes : W.no;
    if (typeof v === 'number')
      return formatQuantity(v, c.unit ?? facts.get(c.fact)?.unit, lang, measurementUnits);
    return v;
  };
  let subject: TextPart[] = [labelOf(c.fact, c.path)];
  if (decorators.includes('someFact') || decorators.includes('everyFact')) {
    const label = subject[0] as TextPart;
    const phrase = decorators.includes('everyFact') ? W.everyFact : W.someFact;
    // The quantifier's words around the label: split the phrase where the label sits.
    const [before = '', after = ''] = phrase('\u0000').split('\u0000');
    subject = [mark(before), label, mark(after)];
  }
  const v = c.value;
  let value: TextPart[];
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) value = [labelOf(v.fact, v.path)];
  else if (Array.isArray(v)) value = [{ text: v.map(scalar).join(W.list) }];
  else value = [typeof v === 'boolean' || v === null ? mark(scalar(v)) : { text: scalar(v) }];
  if (decorators.includes('someValue') || decorators.includes('everyValue')) {
    const phrase = decorators.includes('everyValue') ? W.everyValue : W.someValue;
    const [before = '', after = ''] = phrase('\u0000').split('\u0000');
    value = [mark(before), ...value, mark(after)];
  }
  const isFact = v !== null && typeof v === 'object' && !Array.isArray(v);
  // "leading cadre on shift: yes" reads better than "equal to yes", as in describeOutcome.
  const plain = base === 'equal' && !ownNot && !isFact;
  const out: TextPart[] = [];
  if (wholeNot) out.push(mark(W.notThis));
  out.push(...subject, mark(W.sep));
  if (!plain) out.push(mark(`${operatorWords(base, ownNot, wl)} `));
  out.push(...value);
  return out;
}

/**
 * A condition tree in words, in `lang` (Chinese or English words; other languages read English
 * words around the project's own labels). Shared conditions are followed by name where they are
 * used. Built without recursion, so trees 64 deep (or deeper, through shared conditions) are
 * fine; `conditionLines` flattens the result without recursion too.
 */
export function describeConditions(
  tree: NestedCondition,
  facts: ReadonlyMap<string, FactInfo>,
  lang: Lang,
  options: DescribeOptions = {},
): ConditionWords {
  const wl = wordsLang(lang);
  const W = WORDS[wl];
  const mark = (text: string): TextPart => (wl === lang ? { text } : { text, lang: wl });
  const node = (
    kind: ConditionWords['kind'],
    parts: TextPart[],
    children?: ConditionWords[],
    name?: string,
  ): ConditionWords => ({
    kind,
    ...joined(parts),
    ...(children === undefined ? {} : { children }),
    ...(name === undefined ? {} : { name }),
  });
  const group = (
    kind: 'all' | 'any',
    name: string | undefined,
    children: ConditionWords[],
  ): ConditionWords =>
    children.length === 1 && name === undefined
      ? (children[0] as ConditionWords)
      : node(kind, [mark(W[kind])], children, name);
  return foldConditions<ConditionWords>(
    tree,
    {
      leaf: (c) =>
        node('leaf', leafWords(c, facts, lang, options.measurementUnits ?? []), undefined, c.name),
      all: (c, children) => group('all', c.name, children),
      any: (c, children) => group('any', c.name, children),
      not: (c, inner) => node('not', [mark(W.not)], [inner], c.name),
      reference: (c, inner, problem) => {
        if (inner === undefined)
          return node('leaf', [mark(W.problem(c.condition, problem ?? 'unknown'))]);
        const about = options.sharedDescriptions?.get(c.condition);
        const parts = [mark(W.shared(c.condition))];
        if (about) parts.push(mark(W.sep), pick(about, lang));
        return node('shared', parts, [inner], c.condition);
      },
    },
    options.shared,
  );
}

/** A rule's conditions in words: `describeConditions` of its `conditions`. */
export function describeRule(
  rule: { conditions: NestedCondition },
  facts: ReadonlyMap<string, FactInfo>,
  lang: Lang,
  options: DescribeOptions = {},
): ConditionWords {
  return describeConditions(rule.conditions, facts, lang, options);
}

/**
 * The nodes of conditions in words in reading order, each with its depth (0 for the root):
 * a list a page or the command line indents, with no recursion however deep the tree.
 */
export function conditionLines(tree: ConditionWords): { depth: number; node: ConditionWords }[] {
  const out: { depth: number; node: ConditionWords }[] = [];
  const stack: { depth: number; node: ConditionWords }[] = [{ depth: 0, node: tree }];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    out.push(top);
    const children = top.node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--)
      stack.push({ depth: top.depth + 1, node: children[i] as ConditionWords });
  }
  return out;
}

/** Conditions in words as indented text lines ("- " bullets, two spaces a level), for a terminal. */
export function conditionText(tree: ConditionWords): string {
  return conditionLines(tree)
    .map(({ depth, node }) => `${'  '.repeat(depth)}- ${node.text}`)
    .join('\n');
}

/**
 * How long a deadline allows, in words: "the same day" / "当日内", "within 3 days" / "3 日内",
 * "within 1 hour" / "1 小时内". Other languages read the English words (see `wordsLang`). Whether
 * it is assumed, and its source, are the caller's to say.
 */
export function describeDeadline(deadline: Pick<Deadline, 'days' | 'hours'>, lang: Lang): string {
  const zh = wordsLang(lang) === 'zh';
  if (deadline.hours !== undefined) {
    const h = deadline.hours;
    return zh ? `${h} 小时内` : `within ${h} ${h === 1 ? 'hour' : 'hours'}`;
  }
  const d = deadline.days ?? 0;
  if (d === 0) return zh ? '当日内' : 'the same day';
  return zh ? `${d} 日内` : `within ${d} ${d === 1 ? 'day' : 'days'}`;
}
