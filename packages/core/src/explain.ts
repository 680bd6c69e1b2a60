import type { MeasurementUnit } from './registry-schema.js';
import type { ConditionOutcome, FactInfo } from './result.js';
import { type Lang, textIn } from './text.js';
import { formatQuantity } from './units.js';

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
  const words = OPERATOR_WORDS[base]?.[lang] ?? base;
  if (!negated) return words;
  if (lang === 'zh') return NEGATED_ZH[base] ?? `不${words}`;
  return `not ${words}`;
}

type Units = ReadonlyMap<string, MeasurementUnit> | readonly MeasurementUnit[];

function show(
  v: Scalar | Scalar[] | undefined,
  fact: FactInfo | undefined,
  lang: Lang,
  units: Units,
): string {
  if (v === undefined || v === null) return lang === 'zh' ? '无数据' : 'no value';
  if (Array.isArray(v))
    return v.map((x) => show(x, fact, lang, units)).join(lang === 'zh' ? '、' : ', ');
  if (typeof v === 'boolean') return lang === 'zh' ? (v ? '是' : '否') : v ? 'yes' : 'no';
  return typeof v === 'number' ? formatQuantity(v, fact?.unit, lang, units) : v;
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
  units: Units = [],
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
      ? `${actual} / ${show(req.value ?? null, other, lang, units)}${ratio}`
      : show(actual, fact, lang, units);
    const open = lang === 'zh' ? '（' : ' (';
    const close = lang === 'zh' ? '）' : ')';
    return `${label}${sep}${found}${semi}${requiredWord}${sep}${words} ${otherLabel}${open}${show(req.value ?? null, other, lang, units)}${close}`;
  }
  // "required: yes" reads better than "required: equal to yes".
  const plain = base === 'equal' && !negated;
  if (plain)
    return `${label}${sep}${show(o.actual, fact, lang, units)}${semi}${requiredWord}${sep}${show(req as Scalar, fact, lang, units)}`;
  return `${label}${sep}${show(o.actual, fact, lang, units)}${semi}${requiredWord}${sep}${words} ${show(req as Scalar | Scalar[], fact, lang, units)}`;
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
