import path from 'node:path';
import {
  type CityResults,
  conditionLines,
  type DistrictResults,
  describeBlank,
  describeCoverage,
  describeDeadline,
  describeOutcome,
  describeRule,
  describeTooFewDays,
  type Finding,
  hint,
  isValidDay,
  type Lang,
  type LocalizedText,
  responsibleParties,
  textIn,
} from '@shoutu/core';
import { districtFileName, INDEX_FILE, SnapshotError } from '@shoutu/core/snapshot';
import {
  appliesTo,
  applyWaivers,
  effectiveOn,
  evaluateOne,
  factsFor,
  streakKey,
  subjectsOn,
} from '@shoutu/engine';
import { UserError } from '../files.js';
import { loadWaivers, openReports } from '../load.js';
import { countOf, type Output, plural, printProblems } from '../output.js';
import { loadProject } from '../project.js';
import { RESULTS_DIR, Snapshots } from '../snapshots.js';
import { word } from '../words.js';

export interface ExplainOptions {
  root: string;
  subject: string;
  rule: string;
  date: string;
  lang: Lang;
  json: boolean;
  maxProblems: number;
}

/** `shoutu explain`: one finding, with why it came out as it did and who answers for it. */
export async function explain(o: Output, opts: ExplainOptions): Promise<number> {
  if (!isValidDay(opts.date))
    throw new UserError(`--date ${opts.date}: expected a real date written as YYYY-MM-DD`);
  const { project, problems } = await loadProject(opts.root);
  if (!project) {
    printProblems(o, problems, opts.maxProblems);
    o.err(
      `explain stopped: ${plural(countOf(problems, 'error'), 'error')} in the registry, forms, rules or scoring method`,
    );
    return 1;
  }
  const { registry, ruleSet } = project;
  const versions = ruleSet.rules.filter((r) => r.rule.id === opts.rule);
  if (versions.length === 0)
    throw new UserError(
      `--rule ${opts.rule}: unknown rule${hint(opts.rule, new Set(ruleSet.rules.map((r) => r.rule.id)))}`,
    );
  const compiled = versions.find((r) => effectiveOn(r.rule, opts.date));
  if (!compiled)
    throw new UserError(`--rule ${opts.rule}: no version of the rule is in force on ${opts.date}`);
  const subject = subjectsOn(registry, opts.date).find((s) => s.code === opts.subject);
  if (!subject) {
    const known = registry.units.has(opts.subject) || registry.places.has(opts.subject);
    throw new UserError(
      known
        ? `--subject ${opts.subject}: not in force on ${opts.date}`
        : `--subject ${opts.subject}: no unit or place has this code${hint(opts.subject, [...registry.units.keys(), ...registry.places.keys()])}`,
    );
  }
  const { rule } = compiled;
  if (!appliesTo(rule, subject))
    throw new UserError(
      `the rule ${rule.id} applies to ${rule.appliesTo.kind === 'territory' ? `each ${rule.appliesTo.level}` : `places of type ${rule.appliesTo.placeTypes.join(', ')}`}; ${opts.subject} is ${subject.level ? `a ${subject.level}` : `a ${subject.placeType}`}`,
    );
  // Only the day and the earlier days its look-backs touch are read, as `evaluate` reads them.
  const reports = openReports(opts.root, project);
  const waivers = await loadWaivers(opts.root, registry, ruleSet.rules);
  const input = { reports: reports.index, day: opts.date };
  // What the facts were, now: the look-backs' coverage, or why they could not be gathered.
  const gathered = factsFor(compiled, subject, input);
  const coverage = 'coverage' in gathered ? gathered.coverage : {};
  const tooFewDays = 'status' in gathered ? (gathered.tooFewDays ?? {}) : {};
  const partial = Object.fromEntries(
    Object.entries({ ...coverage, ...tooFewDays }).filter(([, c]) => c.days < c.of),
  );
  const now = applyWaivers(
    [await evaluateOne(compiled, subject, input)],
    waivers.waivers,
    opts.date,
  );
  // The published record comes first: the day's snapshot lists every finding that is not a
  // pass; a finding it does not list passed or did not apply, and is explained by evaluating now.
  const district = registry.districtOf(opts.subject)?.code;
  const snapshots = new Snapshots(opts.root);
  // A district's subjects are recorded in its findings file (its waivers in its file); the top
  // unit's own findings in the index.
  const file = `${RESULTS_DIR}/${opts.date}/${district === undefined ? INDEX_FILE : districtFileName(district, 'findings')}`;
  let snapshot: CityResults | (DistrictResults & { findings: Finding[] }) | undefined;
  let unreadable: string | undefined;
  if (snapshots.has(opts.date)) {
    try {
      snapshot =
        district !== undefined
          ? {
              ...snapshots.district(opts.date, district),
              findings: snapshots.findings(opts.date, district),
            }
          : snapshots.city(opts.date);
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      // Name the file at fault: the district's file or its findings.
      unreadable = `${path.relative(opts.root, error.file).split(path.sep).join('/')} cannot be used (${error.problem})`;
    }
  }
  const listed = snapshot?.findings.find((f) => streakKey(f) === streakKey(now.findings[0]!));
  const finding = listed ?? now.findings[0]!;
  const recordedWaivers = snapshot && 'waivers' in snapshot ? snapshot.waivers : undefined;
  const waiver =
    finding.status === 'waived'
      ? (recordedWaivers ?? now.inForce).find((w) => streakKey(w) === streakKey(finding))
      : undefined;
  const notes: string[] = [];
  if (!snapshot && district === undefined)
    notes.push(
      `record: the top unit's own findings are in ${RESULTS_DIR}/${opts.date}/index.json — evaluated now`,
    );
  else if (!snapshot)
    notes.push(
      unreadable !== undefined
        ? `record: ${unreadable} — evaluated now instead`
        : `record: none — evaluated now, as there is no snapshot of ${opts.date} (\`shoutu evaluate --date ${opts.date}\` writes one)`,
    );
  else {
    notes.push(
      listed
        ? `record: ${file} (revision ${snapshot.revision})`
        : `record: ${file} (revision ${snapshot.revision}) does not list it: it passed or did not apply (passes are counted, not listed), and was evaluated again now to show which`,
    );
    const nowStatus = now.findings[0]!.status;
    const recorded = listed?.status ?? (nowStatus === 'not-applicable' ? nowStatus : 'pass');
    if (nowStatus !== recorded)
      notes.push(
        `note: evaluated now it is "${nowStatus}": the rules, data or waivers changed after the snapshot (rules ${snapshot.rulesHash} then, ${ruleSet.hash} now); the snapshot stays as published unless \`shoutu evaluate --date ${opts.date} --recompute\``,
      );
  }
  const parties = responsibleParties(registry, opts.subject);
  if (opts.json) {
    o.out(
      JSON.stringify(
        {
          day: opts.date,
          ruleVersion: rule.version,
          ...finding,
          ...(waiver ? { waiver } : {}),
          ...(Object.keys(partial).length > 0 ? { coverage: partial } : {}),
          parties,
          record: snapshot ? { file, revision: snapshot.revision } : null,
          notes,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  const lang = opts.lang;
  // The command's own words exist in Chinese and English; names and rules are in every project language.
  const t = lang === 'zh' ? TEXT.zh : TEXT.en;
  const facts = new Map(ruleSet.facts.map((f) => [f.name, f]));
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
    `${t.day}: ${opts.date} · ${t.status}: ${word(lang, `statuses.${finding.status}`)}${finding.outcome ? t.withoutWaiver(word(lang, `statuses.${finding.outcome}`)) : ''}`,
  );
  for (const c of finding.conditions ?? []) {
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
  for (const s of finding.sources ?? []) o.out(`${t.source}: ${s}`);
  if (finding.streak !== undefined && finding.streak > 1)
    o.out(`${t.streak}: ${t.inARow(finding.streak)}`);
  if (waiver)
    o.out(
      `${t.waiver}: ${textIn(waiver.reason, lang)} — ${t.approvedBy(waiver.approver)}, ${waiver.start} ${t.to} ${waiver.expiry} (${waiver.source})`,
    );
  for (const p of parties) {
    const who = p.kind === 'subject' ? p.subject : p.kind === 'department' ? p.department : p.unit;
    o.out(
      `${t.responsible} (${t.parties[p.kind]}): ${textIn(p.position, lang)} — ${p.kind === 'department' ? (named(registry.departments.get(who)?.name) ?? who) : nameOf(who)}`,
    );
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
    `${t.ruleSource}: ${textIn(rule.source.document, lang)} — "${textIn(rule.source.clause, lang)}"${rule.source.assumed ? t.paren(word(lang, 'rules.assumed')) : ''}`,
  );
  for (const n of notes) o.out(n);
  return 0;
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
    paren: (s: string) => ` (${s})`,
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
    paren: (s: string) => `（${s}）`,
  },
} as const;
