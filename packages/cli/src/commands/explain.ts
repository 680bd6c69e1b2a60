import { describeOutcome, hint, isValidDay, type Lang, responsibleParties } from '@shoutu/core';
import {
  appliesTo,
  applyWaivers,
  effectiveOn,
  evaluateOne,
  streakKey,
  subjectsOn,
} from '@shoutu/engine';
import { UserError } from '../files.js';
import { loadReports, loadWaivers } from '../load.js';
import { countOf, type Output, plural, printProblems } from '../output.js';
import { loadProject } from '../project.js';
import { RESULTS_DIR, Snapshots } from '../snapshots.js';

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
      `explain stopped: ${plural(countOf(problems, 'error'), 'error')} in the registry, forms or rules`,
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
  const reports = await loadReports(opts.root, registry, project.forms);
  const waivers = await loadWaivers(
    opts.root,
    registry,
    new Set(ruleSet.rules.map((r) => r.rule.id)),
  );
  const now = applyWaivers(
    [await evaluateOne(compiled, subject, { reports: reports.index, day: opts.date })],
    waivers.waivers,
    opts.date,
  );
  // The published record comes first: the day's snapshot lists every finding that is not a
  // pass; a finding it does not list passed or did not apply, and is explained by evaluating now.
  const district = registry.districtOf(opts.subject)?.code;
  const snapshots = new Snapshots(opts.root);
  const snapshot =
    district !== undefined && snapshots.has(opts.date)
      ? await snapshots.district(opts.date, district)
      : undefined;
  const listed = snapshot?.findings.find((f) => streakKey(f) === streakKey(now.findings[0]!));
  const finding = listed ?? now.findings[0]!;
  const waiver =
    finding.status === 'waived'
      ? (snapshot?.waivers ?? now.inForce).find((w) => streakKey(w) === streakKey(finding))
      : undefined;
  const file = `${RESULTS_DIR}/${opts.date}/${district}.json`;
  const notes: string[] = [];
  if (!snapshot)
    notes.push(
      `record: none — evaluated now, as there is no snapshot of ${opts.date} (\`shoutu evaluate --date ${opts.date}\` writes one)`,
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
          parties,
          record: snapshot ? { file, revision: snapshot.revision } : null,
        },
        null,
        2,
      ),
    );
    return 0;
  }
  const lang = opts.lang;
  const facts = new Map(ruleSet.facts.map((f) => [f.name, f]));
  const nameOf = (code: string) =>
    (registry.units.get(code) ?? registry.places.get(code))?.name[lang] ?? code;
  const chain = registry.ancestors(opts.subject).map((u) => nameOf(u.code));
  o.out(
    `${rule.id} (version ${rule.version}): ${rule.title[lang]} — ${rule.area}, ${rule.severity}`,
  );
  o.out(
    `subject: ${opts.subject} ${nameOf(opts.subject)}${chain.length > 0 ? ` · ${chain.join(' › ')}` : ''}`,
  );
  o.out(
    `day: ${opts.date} · status: ${finding.status}${finding.outcome ? ` (without the waiver: ${finding.outcome})` : ''}`,
  );
  for (const c of finding.conditions ?? []) o.out(`why: ${describeOutcome(c, facts, lang)}`);
  if (finding.message) o.out(`why: ${finding.message}`);
  if (finding.status === 'missing' || finding.outcome === 'missing')
    o.out(
      'why: no report of the day was accepted for this subject (`shoutu validate` lists rows set aside)',
    );
  for (const s of finding.sources ?? []) o.out(`source: ${s}`);
  if (finding.streak !== undefined && finding.streak > 1)
    o.out(`streak: ${finding.streak} days in a row`);
  if (waiver)
    o.out(
      `waiver: ${waiver.reason[lang]} — approved by ${waiver.approver}, ${waiver.start} to ${waiver.expiry} (${waiver.source})`,
    );
  for (const p of parties) {
    const who = p.kind === 'unit' ? p.subject : p.kind === 'departmental' ? p.department : p.unit;
    o.out(
      `responsible (${p.kind}): ${p.position[lang]} — ${p.kind === 'departmental' ? (registry.departments.get(who)?.name[lang] ?? who) : nameOf(who)}`,
    );
  }
  if (finding.status !== 'pass') o.out(`remediation: ${rule.remediation[lang]}`);
  o.out(
    `rule source: ${rule.source.document[lang]} — "${rule.source.clause}"${rule.source.assumed ? ' (threshold assumed)' : ''}`,
  );
  for (const n of notes) o.out(n);
  return 0;
}
