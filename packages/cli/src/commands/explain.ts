import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  type CityResults,
  type ConditionOutcome,
  conditionLines,
  type DistrictResults,
  describeBlank,
  describeCoverage,
  describeDeadline,
  describeOutcome,
  describeRule,
  describeTooFewDays,
  type FactInfo,
  type Finding,
  hint,
  isValidDay,
  LATE_FIELD,
  type Lang,
  type LocalizedText,
  locate,
  parseJsonSource,
  type ResponsibleParty,
  responsibleParties,
  ruleInfoOf,
  SUBJECT_PREFIX,
  SUBMITTED_COLUMN,
  textIn,
} from '@shoutu/core';
import { districtFileName, INDEX_FILE, SnapshotError } from '@shoutu/core/snapshot';
import {
  appliesTo,
  applyWaivers,
  type CompiledRule,
  decidingConditions,
  type EvaluatedCondition,
  effectiveOn,
  evaluateOne,
  factsFor,
  type GatheredFacts,
  type Subject,
  streakKey,
  subjectsOn,
} from '@shoutu/engine';
import { UserError, walkEntries } from '../files.js';
import type { ExplainJson, ExplainValue } from '../json/explain.js';
import { problemJson } from '../json/problem.js';
import { loadWaivers, openReports } from '../load.js';
import { countOf, type Output, plural, printProblems } from '../output.js';
import { loadProject } from '../project.js';
import { RESULTS_DIR, Snapshots } from '../snapshots.js';
import { word } from '../words.js';

export interface ExplainOptions {
  root: string;
  subject: string;
  rule: string;
  /** The day; without it, the latest day with a snapshot (else the latest with reports). */
  date?: string | undefined;
  lang: Lang;
  json: boolean;
  maxProblems: number;
}

/** The registry files, where a `subject.<attribute>` fact was read from. */
const REGISTRY_DIR = 'data/registry';

/** `shoutu explain`: one finding, with why it came out as it did and who answers for it. */
export async function explain(o: Output, opts: ExplainOptions): Promise<number> {
  if (opts.date !== undefined && !isValidDay(opts.date))
    throw new UserError(`--date ${opts.date}: expected a real date written as YYYY-MM-DD`);
  // The command's own words exist in Chinese and English; names and rules are in every project language.
  const lang = opts.lang;
  const t = lang === 'zh' ? TEXT.zh : TEXT.en;
  const { project, problems } = await loadProject(opts.root);
  if (!project) {
    if (opts.json) {
      const stopped: ExplainJson = {
        command: 'explain',
        exitCode: 1,
        problems: problems.map(problemJson),
      };
      o.out(JSON.stringify(stopped, null, 2));
    } else printProblems(o, problems, opts.maxProblems);
    o.err(
      `explain stopped: ${plural(countOf(problems, 'error'), 'error')} in the registry, forms, rules or scoring method`,
    );
    return 1;
  }
  const { registry, ruleSet } = project;
  const reports = openReports(opts.root, project);
  const snapshots = new Snapshots(opts.root);
  // No --date: the latest day published, else the latest day reported; said on stderr.
  let day = opts.date;
  if (day === undefined) {
    const published = snapshotDays(opts.root).filter((d) => snapshots.has(d));
    day = published.at(-1);
    if (day !== undefined) o.err(t.latestSnapshot(day));
    else {
      day = reports.index.days().at(-1);
      if (day === undefined)
        throw new UserError(
          `no snapshot in ${RESULTS_DIR}/ and no reports in data/reports/: give --date YYYY-MM-DD`,
        );
      o.err(t.latestReports(day));
    }
  }
  const date = day;
  const versions = ruleSet.rules.filter((r) => r.rule.id === opts.rule);
  if (versions.length === 0)
    throw new UserError(
      `--rule ${opts.rule}: unknown rule${hint(opts.rule, new Set(ruleSet.rules.map((r) => r.rule.id)))}`,
    );
  const compiled = versions.find((r) => effectiveOn(r.rule, date));
  if (!compiled)
    throw new UserError(`--rule ${opts.rule}: no version of the rule is in force on ${date}`);
  const subject = subjectsOn(registry, date).find((s) => s.code === opts.subject);
  if (!subject) {
    const known = registry.units.has(opts.subject) || registry.places.has(opts.subject);
    throw new UserError(
      known
        ? `--subject ${opts.subject}: not in force on ${date}`
        : `--subject ${opts.subject}: no unit or place has this code${hint(opts.subject, [...registry.units.keys(), ...registry.places.keys()])}`,
    );
  }
  const { rule } = compiled;
  if (!appliesTo(rule, subject))
    throw new UserError(
      `the rule ${rule.id} applies to ${rule.appliesTo.kind === 'territory' ? `each ${rule.appliesTo.level}` : `places of type ${rule.appliesTo.placeTypes.join(', ')}`}; ${opts.subject} is ${subject.level ? `a ${subject.level}` : `a ${subject.placeType}`}`,
    );
  // Only the day and the earlier days its look-backs touch are read, as `evaluate` reads them.
  const waivers = await loadWaivers(opts.root, registry, ruleSet.rules);
  const input = { reports: reports.index, day: date };
  // What the facts were, now: the look-backs' coverage, or why they could not be gathered.
  const gathered = factsFor(compiled, subject, input);
  const coverage = 'coverage' in gathered ? gathered.coverage : {};
  const tooFewDays = 'status' in gathered ? (gathered.tooFewDays ?? {}) : {};
  const partial = Object.fromEntries(
    Object.entries({ ...coverage, ...tooFewDays }).filter(([, c]) => c.days < c.of),
  );
  // The evaluated condition tree: a pass is explained by the conditions that made it pass.
  let tree: EvaluatedCondition | undefined;
  const now = applyWaivers(
    [
      await evaluateOne(compiled, subject, input, (c) => {
        tree = c;
      }),
    ],
    waivers.waivers,
    date,
  );
  // The published record comes first: the day's snapshot lists every finding that is not a
  // pass; a finding it does not list passed or did not apply, and is explained by evaluating now.
  const district = registry.districtOf(opts.subject)?.code;
  // A district's subjects are recorded in its findings file (its waivers in its file); the top
  // unit's own findings in the index.
  const file = `${RESULTS_DIR}/${date}/${district === undefined ? INDEX_FILE : districtFileName(district, 'findings')}`;
  let snapshot: CityResults | (DistrictResults & { findings: Finding[] }) | undefined;
  let unreadable: string | undefined;
  if (snapshots.has(date)) {
    try {
      snapshot =
        district !== undefined
          ? {
              ...snapshots.district(date, district),
              findings: snapshots.findings(date, district),
            }
          : snapshots.city(date);
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      // Name the file at fault: the district's file or its findings.
      unreadable = t.unreadable(
        path.relative(opts.root, error.file).split(path.sep).join('/'),
        error.problem,
      );
    }
  }
  const nowFinding = now.findings[0]!;
  const listed = snapshot?.findings.find((f) => streakKey(f) === streakKey(nowFinding));
  const finding = listed ?? nowFinding;
  const recordedWaivers = snapshot && 'waivers' in snapshot ? snapshot.waivers : undefined;
  const waiver =
    finding.status === 'waived'
      ? (recordedWaivers ?? now.inForce).find((w) => streakKey(w) === streakKey(finding))
      : undefined;
  const notes: string[] = [];
  if (!snapshot && district === undefined)
    notes.push(t.topUnit(`${RESULTS_DIR}/${date}/index.json`));
  else if (!snapshot)
    notes.push(unreadable !== undefined ? t.unreadableRecord(unreadable) : t.noRecord(date));
  else {
    notes.push(
      listed ? t.record(file, snapshot.revision) : t.recordPassed(file, snapshot.revision),
    );
    const recorded =
      listed?.status ?? (nowFinding.status === 'not-applicable' ? nowFinding.status : 'pass');
    if (nowFinding.status !== recorded)
      notes.push(
        t.changed(
          word(lang, `statuses.${nowFinding.status}`),
          snapshot.rulesHash,
          ruleSet.hash,
          date,
        ),
      );
  }
  // What decided it: a failure's conditions as recorded; a pass's, evaluated now.
  const passedNow = finding.status === 'pass' && nowFinding.status === 'pass';
  const conditions: ConditionOutcome[] =
    finding.conditions ?? (passedNow && tree ? decidingConditions(tree, true) : []);
  // Every fact the rule read, with its value and where it came from (when it could be gathered).
  const registrySource = registryLocator(opts.root, subject);
  const values = 'facts' in gathered ? valuesOf(compiled, gathered, registrySource) : [];
  const parties = responsibleParties(registry, opts.subject);
  const facts = new Map(ruleSet.facts.map((f) => [f.name, f]));
  if (opts.json) {
    const unit = registry.units.get(opts.subject);
    const place = registry.places.get(opts.subject);
    const out: ExplainJson = {
      command: 'explain',
      exitCode: 0,
      day: date,
      dayGiven: opts.date !== undefined,
      rule: ruleInfoOf(rule, compiled.shared),
      subject: {
        code: opts.subject,
        ...((unit ?? place)?.name ? { name: (unit ?? place)!.name } : {}),
        ...(subject.level !== undefined ? { level: subject.level } : {}),
        ...(subject.placeType !== undefined ? { placeType: subject.placeType } : {}),
        within: registry.ancestors(opts.subject).map((u) => u.code),
      },
      finding,
      ...(nowFinding.status !== finding.status ? { evaluatedNow: nowFinding.status } : {}),
      conditions,
      values,
      ...(Object.keys(partial).length > 0 ? { coverage: partial } : {}),
      ...(waiver ? { waiver } : {}),
      responsible: parties.map(partyJson),
      record: snapshot ? { file, revision: snapshot.revision } : null,
      notes,
      problems: problems.map(problemJson),
    };
    o.out(JSON.stringify(out, null, 2));
    return 0;
  }
  const named = (text: LocalizedText | undefined) =>
    text === undefined ? undefined : textIn(text, lang);
  const nameOf = (code: string) =>
    named((registry.units.get(code) ?? registry.places.get(code))?.name) ?? code;
  const area = project.scoring.method.areas.find((a) => a.id === rule.area);
  const chain = registry.ancestors(opts.subject).map((u) => nameOf(u.code));
  o.out(
    `${rule.id} (${t.version} ${rule.version}): ${textIn(rule.title, lang)} — ${area ? textIn(area.name, lang) : rule.area}, ${word(lang, `severities.${rule.severity}`)}`,
  );
  o.out(
    `${t.subject}: ${opts.subject} ${nameOf(opts.subject)}${chain.length > 0 ? ` · ${chain.join(' › ')}` : ''}`,
  );
  o.out(
    `${t.day}: ${date} · ${t.status}: ${word(lang, `statuses.${finding.status}`)}${finding.outcome ? t.withoutWaiver(word(lang, `statuses.${finding.outcome}`)) : ''}`,
  );
  for (const c of conditions) {
    const covered = partial[c.fact];
    const over = covered ? t.over(describeCoverage(covered.days, covered.of, lang)) : '';
    o.out(`${t.why}: ${describeOutcome(c, facts, lang, registry.measurementUnits)}${over}`);
  }
  if (finding.message) o.out(`${t.why}: ${finding.message}`);
  const missing = finding.status === 'missing' || finding.outcome === 'missing';
  const short = Object.entries(tooFewDays);
  if (finding.blank && finding.blank.length > 0)
    o.out(`${t.why}: ${describeBlank(finding.blank, facts, lang)}`);
  else if (short.length > 0 && (missing || finding.status === 'not-applicable'))
    for (const [fact, c] of short)
      o.out(
        `${t.why}: ${describeTooFewDays(fact, c, compiled.derived.get(fact)?.def.minDays ?? c.of, facts, lang)}`,
      );
  else if (missing) o.out(`${t.why}: ${t.noReport}`);
  for (const line of sourceLines(finding, values, facts, lang)) o.out(`${t.source}: ${line}`);
  if (finding.streak !== undefined && finding.streak > 1)
    o.out(`${t.streak}: ${t.inARow(finding.streak)}`);
  if (waiver)
    o.out(
      `${t.waiver}: ${textIn(waiver.reason, lang)} — ${t.approvedBy(waiver.approver)}, ${waiver.start} ${t.to} ${waiver.expiry} (${waiver.source})`,
    );
  for (const p of parties.map(partyJson)) {
    const who =
      p.kind === 'department'
        ? (named(registry.departments.get(p.code)?.name) ?? p.code)
        : nameOf(p.code);
    o.out(`${t.responsible} (${t.parties[p.kind]}): ${textIn(p.position, lang)} — ${who}`);
  }
  if (rule.deadline)
    o.out(
      `${t.deadline}: ${describeDeadline(rule.deadline, lang)}${rule.deadline.basis === 'assumed' ? t.paren(t.assumedDeadline) : ''}`,
    );
  // Due and overdue as recorded (from the streak's first day, never the clock).
  if (finding.due !== undefined)
    o.out(
      `${t.due}: ${finding.due} · ${finding.overdueDays ? t.overdue(finding.overdueDays) : t.notOverdue}`,
    );
  if (finding.status !== 'pass') o.out(`${t.remediation}: ${textIn(rule.remediation, lang)}`);
  // What the rule asks, in the words of the rule pages (`describeRule`), however deep.
  const asks = conditionLines(
    describeRule(rule, facts, lang, {
      shared: compiled.shared,
      measurementUnits: registry.measurementUnits,
    }),
  );
  if (asks.length === 1) o.out(`${t.asks}: ${asks[0]?.node.text}`);
  else {
    o.out(`${t.asks}:`);
    for (const { depth, node } of asks) o.out(`${'  '.repeat(depth + 1)}- ${node.text}`);
  }
  o.out(
    `${t.ruleSource}: ${textIn(rule.source.document, lang)} — ${t.quote(textIn(rule.source.clause, lang))}${rule.source.assumed ? t.paren(word(lang, 'rules.assumed')) : ''}`,
  );
  for (const n of notes) o.out(n);
  return 0;
}

/** The days under data/results/ named like a day, in order. */
function snapshotDays(root: string): string[] {
  try {
    return readdirSync(path.join(root, RESULTS_DIR))
      .filter((d) => isValidDay(d))
      .sort();
  } catch {
    return [];
  }
}

/** Where a value was read: a report file's line and field, or a registry file's line. */
type Source = NonNullable<ExplainValue['source']>;

/**
 * Finds where the registry gives the subject's attributes: the registry file and the line of
 * the attribute's value (or of the unit's or place's entry, when it gives none). The files are
 * read again only when a rule reads a registry fact.
 */
export function registryLocator(
  root: string,
  subject: Subject,
): (attribute: string) => Source | null {
  let found:
    | { source: ReturnType<typeof parseJsonSource>['source']; at: (string | number)[] }
    | undefined
    | null;
  const find = () => {
    const section = subject.placeType !== undefined ? 'places' : 'units';
    const key = section === 'places' ? 'id' : 'code';
    for (const rel of walkEntries(root, REGISTRY_DIR, { match: (f) => f.endsWith('.json') })
      .files) {
      const file = `${REGISTRY_DIR}/${rel}`;
      let text: string;
      try {
        text = readFileSync(path.join(root, file), 'utf8');
      } catch {
        continue;
      }
      const { source } = parseJsonSource(file, text);
      const list = (source?.value as Record<string, unknown> | undefined)?.[section];
      if (!source || !Array.isArray(list)) continue;
      const i = list.findIndex(
        (e) =>
          e !== null &&
          typeof e === 'object' &&
          (e as Record<string, unknown>)[key] === subject.code,
      );
      if (i >= 0) return { source, at: [section, i] };
    }
    return null;
  };
  return (attribute) => {
    if (found === undefined) found = find();
    if (!found?.source) return null;
    const entry = found.at[0] === 'places' ? 'places' : 'units';
    const list = (found.source.value as Record<string, Record<string, unknown>[]>)[entry];
    const given = list?.[found.at[1] as number]?.attributes as Record<string, unknown> | undefined;
    const where =
      given && attribute in given
        ? locate(found.source, [...found.at, 'attributes', attribute])
        : locate(found.source, found.at);
    return { file: found.source.file, line: where.line, field: `attributes.${attribute}` };
  };
}

/** The facts the rule read, in name order, each with its value and source. */
function valuesOf(
  compiled: CompiledRule,
  gathered: GatheredFacts,
  registrySource: (attribute: string) => Source | null,
): ExplainValue[] {
  const names = new Set(compiled.facts);
  for (const spec of compiled.derived.values()) {
    const r = spec.def.ratio;
    if (r?.to.startsWith(SUBJECT_PREFIX)) names.add(r.to);
  }
  return [...names].sort().map((fact): ExplainValue => {
    const raw = gathered.facts[fact];
    const value = raw === undefined ? null : (raw as ExplainValue['value']);
    const derived = compiled.derived.get(fact);
    if (fact.startsWith(SUBJECT_PREFIX))
      return { fact, value, source: registrySource(fact.slice(SUBJECT_PREFIX.length)) };
    const dot = fact.indexOf('.');
    const form = derived?.form ?? fact.slice(0, dot);
    const field = fact.slice(dot + 1);
    // Today's row of the form; a value carried from an earlier report, that report's row.
    const rows = gathered.rows.filter((r) => r.form === form);
    const carriedFrom = gathered.carried.includes(fact)
      ? rows.slice(1).find((r) => r.values[field] === raw)
      : undefined;
    const row = carriedFrom ?? rows[0];
    const coverage = gathered.coverage[fact];
    return {
      fact,
      value,
      // Lateness is read from the time the row says it was submitted.
      source: row
        ? { file: row.file, line: row.line, field: field === LATE_FIELD ? SUBMITTED_COLUMN : field }
        : null,
      ...(derived ? { derived: true } : {}),
      ...(coverage ? { coverage } : {}),
    };
  });
}

/**
 * The source lines: each report row or registry entry once, with the labels of the facts read
 * from it; a row the record names that no value came from still shows.
 */
function sourceLines(
  finding: Finding,
  values: readonly ExplainValue[],
  facts: ReadonlyMap<string, FactInfo>,
  lang: Lang,
): string[] {
  const byPlace = new Map<string, string[]>();
  for (const v of values) {
    if (!v.source) continue;
    const at = v.source.line !== undefined ? `${v.source.file}:${v.source.line}` : v.source.file;
    const label = textIn(facts.get(v.fact)?.label ?? { [lang]: v.fact }, lang);
    const labels = byPlace.get(at) ?? [];
    if (!labels.includes(label)) labels.push(label);
    byPlace.set(at, labels);
  }
  for (const s of finding.sources ?? []) if (!byPlace.has(s)) byPlace.set(s, []);
  const sep = lang === 'zh' ? '、' : ', ';
  const [open, close] = lang === 'zh' ? ['（', '）'] : [' (', ')'];
  return [...byPlace].map(([at, labels]) =>
    labels.length > 0 ? `${at}${open}${labels.join(sep)}${close}` : at,
  );
}

/** A responsible party in the words of the contract (docs/design/authors.md §1). */
function partyJson(p: ResponsibleParty): {
  kind: 'subject' | 'department' | 'territorial';
  code: string;
  level?: string;
  position: LocalizedText;
} {
  const q = p as unknown as Record<string, unknown>;
  if ('department' in q)
    return { kind: 'department', code: String(q.department), position: p.position };
  if ('level' in q)
    return {
      kind: 'territorial',
      code: String(q.unit),
      level: String(q.level),
      position: p.position,
    };
  return { kind: 'subject', code: String(q.subject), position: p.position };
}

const TEXT = {
  en: {
    version: 'version',
    subject: 'subject',
    day: 'day',
    status: 'status',
    withoutWaiver: (s: string) => ` (without the waiver: ${s})`,
    why: 'why',
    over: (days: string) => ` (${days})`,
    noReport:
      'no report of the day was accepted for this subject (`shoutu validate` lists rows set aside)',
    source: 'source',
    streak: 'streak',
    inARow: (n: number) => `${n} days in a row`,
    waiver: 'waiver',
    approvedBy: (who: string) => `approved by ${who}`,
    to: 'to',
    responsible: 'responsible',
    parties: { subject: 'subject', department: 'department', territorial: 'territorial' },
    remediation: 'remediation',
    deadline: 'deadline',
    assumedDeadline: 'assumed, not from the source',
    due: 'due',
    overdue: (n: number) => `${n} ${n === 1 ? 'day' : 'days'} overdue`,
    notOverdue: 'not overdue',
    asks: 'the rule asks',
    ruleSource: 'rule source',
    quote: (s: string) => `"${s}"`,
    paren: (s: string) => ` (${s})`,
    latestSnapshot: (day: string) =>
      `explain: no --date given: ${day}, the latest day with a snapshot in ${RESULTS_DIR}/`,
    latestReports: (day: string) =>
      `explain: no --date given and no snapshot in ${RESULTS_DIR}/: ${day}, the latest day with reports`,
    topUnit: (file: string) => `record: the top unit's own findings are in ${file} — evaluated now`,
    unreadable: (file: string, problem: string) => `${file} cannot be used (${problem})`,
    unreadableRecord: (why: string) => `record: ${why} — evaluated now instead`,
    noRecord: (day: string) =>
      `record: none — evaluated now, as there is no snapshot of ${day} (\`shoutu evaluate --date ${day}\` writes one)`,
    record: (file: string, revision: number) => `record: ${file} (revision ${revision})`,
    recordPassed: (file: string, revision: number) =>
      `record: ${file} (revision ${revision}) does not list it: it passed or did not apply (passes are counted, not listed), and was evaluated again now to show which`,
    changed: (status: string, then: string, now: string, day: string) =>
      `note: evaluated now it is "${status}": the rules, data or waivers changed after the snapshot (rules ${then} then, ${now} now); the snapshot stays as published unless \`shoutu evaluate --date ${day} --recompute\``,
  },
  zh: {
    version: '版本',
    subject: '检查对象',
    day: '日期',
    status: '结果',
    withoutWaiver: (s: string) => `（如无豁免：${s}）`,
    why: '原因',
    over: (days: string) => `（${days}）`,
    noReport: '当日没有该对象被接收的报表（`shoutu validate` 列出被搁置的行）',
    source: '数据来源',
    streak: '持续',
    inARow: (n: number) => `连续 ${n} 天`,
    waiver: '豁免',
    approvedBy: (who: string) => `批准单位：${who}`,
    to: '至',
    responsible: '责任方',
    parties: { subject: '主体', department: '部门', territorial: '属地' },
    remediation: '整改要求',
    deadline: '整改时限',
    assumedDeadline: '推定，非出自依据文件',
    due: '整改期限',
    overdue: (n: number) => `已逾期 ${n} 天`,
    notOverdue: '未逾期',
    asks: '规则要求',
    ruleSource: '规则依据',
    quote: (s: string) => `“${s}”`,
    paren: (s: string) => `（${s}）`,
    latestSnapshot: (day: string) =>
      `explain：未给出 --date，使用 ${day}（${RESULTS_DIR}/ 中最近有快照的一天）`,
    latestReports: (day: string) =>
      `explain：未给出 --date，${RESULTS_DIR}/ 中也没有快照，使用 ${day}（最近有报表的一天）`,
    topUnit: (file: string) => `记录：顶级单位本身的结果在 ${file} 中——此处为当场计算`,
    unreadable: (file: string, problem: string) => `${file} 无法使用（${problem}）`,
    unreadableRecord: (why: string) => `记录：${why}——改为当场计算`,
    noRecord: (day: string) =>
      `记录：无——当场计算，因为 ${day} 没有快照（\`shoutu evaluate --date ${day}\` 会生成）`,
    record: (file: string, revision: number) => `记录：${file}（第 ${revision} 版）`,
    recordPassed: (file: string, revision: number) =>
      `记录：${file}（第 ${revision} 版）未列出此项：它合格或不适用（合格只计数、不列出），已当场重新计算以说明是哪一种`,
    changed: (status: string, then: string, now: string, day: string) =>
      `注意：当场计算结果为“${status}”：快照之后规则、数据或豁免有变化（当时规则 ${then}，现在 ${now}）；除非运行 \`shoutu evaluate --date ${day} --recompute\`，快照保持已发布的样子`,
  },
} as const;
