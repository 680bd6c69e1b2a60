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
  const words = OPERATOR_WORDS[base]?.[lang] ?? base;
  const sep = lang === 'zh' ? '：' : ': ';
  const semi = lang === 'zh' ? '；' : '; ';
  const requiredWord = lang === 'zh' ? '要求' : 'required';
  const notWord = negated ? (lang === 'zh' ? '不' : 'not ') : '';
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
    return `${label}${sep}${found}${semi}${requiredWord}${sep}${notWord}${words} ${otherLabel}${open}${show(req.value ?? null, other, lang, units)}${close}`;
  }
  // "required: yes" reads better than "required: equal to yes".
  const plain = base === 'equal' && !negated;
  if (plain)
    return `${label}${sep}${show(o.actual, fact, lang, units)}${semi}${requiredWord}${sep}${show(req as Scalar, fact, lang, units)}`;
  return `${label}${sep}${show(o.actual, fact, lang, units)}${semi}${requiredWord}${sep}${notWord}${words} ${show(req as Scalar | Scalar[], fact, lang, units)}`;
}
