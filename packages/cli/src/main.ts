import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { evaluate } from './commands/evaluate.js';
import { explain } from './commands/explain.js';
import { listFacts } from './commands/facts.js';
import { rulesCheck } from './commands/rules.js';
import { rulesDiff } from './commands/rules-diff.js';
import { rulesTest } from './commands/rules-test.js';
import { sample } from './commands/sample.js';
import { writeSchemas } from './commands/schemas.js';
import { validate } from './commands/validate.js';
import { faultMessage, isErrno, WRITE_FAULTS } from './durable.js';
import { UserError } from './files.js';
import { writeTemplates } from './intake/command.js';
import { SCORING_FILE } from './load.js';
import { consoleOutput, EXIT, type Gate, type Output } from './output.js';
import { type Invocation, invocationDir, projectRoot } from './project.js';
import { DEFAULT_SAMPLE } from './sample/generate.js';

const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0)
    throw new InvalidArgumentError(`expected a whole number for ${name}`);
  return n;
};
const positive = (v: string) => {
  const n = Number(v);
  if (!(n > 0)) throw new InvalidArgumentError('expected a number greater than 0');
  return n;
};

/** `--strict` and `--max-warnings` as the gate `exitFor` applies (both given: the stricter). */
export function gateOf(opts: { strict?: boolean; maxWarnings?: number }): Gate {
  return { strict: opts.strict === true, maxWarnings: opts.maxWarnings };
}

function version(): string {
  // package.json is one level above both src/ and dist/.
  return (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
      version: string;
    }
  ).version;
}

/**
 * Runs the `shoutu` command line; resolves to the exit code. `at` is where it runs: the folder
 * paths on the command line are taken from, and the environment (`SHOUTU_ROOT`).
 */
export async function main(
  argv: string[],
  o: Output = consoleOutput,
  at: Invocation = { cwd: process.cwd(), env: process.env },
): Promise<number> {
  let code = 0;
  const program = new Command('shoutu')
    .description(
      'Territorial responsibility scorecards: check what units report against the rules, and publish the results.',
    )
    .version(version(), '-V, --version', 'print the version')
    .option(
      '--root <dir>',
      'the project folder, with data/ and rules/ (default: $SHOUTU_ROOT, else the nearest such folder at or above the working directory)',
    )
    .option(
      '--max-problems <n>',
      'print at most this many problems (the newest are kept)',
      int('--max-problems'),
      200,
    )
    .option(
      '--annotations <kind>',
      'also print each problem as a CI annotation: github (default when GITHUB_ACTIONS=true)',
    )
    .exitOverride()
    .configureOutput({ writeOut: (s) => o.out(s.trimEnd()), writeErr: (s) => o.err(s.trimEnd()) });
  const root = () => projectRoot(program.opts().root, at);
  /** A path given on the command line, taken from where the command was run. */
  const given = (p: string) => path.resolve(invocationDir(at), p);
  const maxProblems = () => program.opts().maxProblems as number;
  /**
   * The output commands print to: with annotations when asked (or on GitHub Actions), and the
   * project folder for code frames when there is one.
   */
  const io = (): Output => {
    const asked = program.opts().annotations as string | undefined;
    if (asked !== undefined && asked !== 'github' && asked !== 'none')
      throw new UserError(`--annotations ${asked}: expected github or none`);
    const annotations =
      asked === 'github' || (asked === undefined && at.env.GITHUB_ACTIONS === 'true')
        ? ('github' as const)
        : undefined;
    let dir: string | undefined;
    try {
      dir = root();
    } catch {
      dir = undefined;
    }
    return { ...o, annotations: o.annotations ?? annotations, root: o.root ?? dir };
  };

  program
    .command('validate')
    .description(
      'check the registry, forms, rules, scoring method, reports and waivers; exit 1 if the registry, forms, rules or scoring method have errors',
    )
    .option(
      '--no-cache',
      'parse every report file afresh, and read and write no ledger or cache in .shoutu/cache/',
    )
    .option(
      '--day <day>',
      'list the problems of this report day in full, and no other day (YYYY-MM-DD)',
    )
    .option('--strict', 'fail on any warning (the same as --max-warnings 0)')
    .option(
      '--max-warnings <n>',
      'fail when there are more warnings than this',
      int('--max-warnings'),
    )
    .option('--json', 'print the problems and counts as one JSON object')
    .action(
      async (opts: {
        cache: boolean;
        day?: string;
        strict?: boolean;
        maxWarnings?: number;
        json?: boolean;
      }) => {
        code = await validate(io(), {
          root: root(),
          maxProblems: maxProblems(),
          cache: opts.cache,
          day: opts.day,
          gate: gateOf(opts),
          json: opts.json === true,
        });
      },
    );
  program
    .command('evaluate')
    .description(
      'evaluate the days that have reports but no snapshot (or one --date) and write data/results/',
    )
    .option('--date <day>', 'evaluate this day only (YYYY-MM-DD)')
    .option(
      '--recompute',
      'evaluate days that already have a snapshot again; a snapshot that changes is kept in data/results/superseded/',
    )
    .option(
      '--no-cache',
      'parse every report file it reads afresh, and read and write no cache in .shoutu/cache/',
    )
    .option('--json', 'print what was evaluated and the problems as one JSON object')
    .action(
      async (opts: { date?: string; recompute?: boolean; cache: boolean; json?: boolean }) => {
        code = await evaluate(io(), {
          root: root(),
          date: opts.date,
          recompute: opts.recompute === true,
          cache: opts.cache,
          maxProblems: maxProblems(),
          json: opts.json === true,
        });
      },
    );
  program
    .command('sample')
    .description('generate the deterministic sample data (registry, forms, reports)')
    .option('--seed <n>', 'random seed', int('--seed'), DEFAULT_SAMPLE.seed)
    .option(
      '--scale <x>',
      'density: 1 is the committed sample; about 260 gives a province-sized day (300,000 subjects)',
      positive,
      DEFAULT_SAMPLE.scale,
    )
    .option('--from <day>', 'first day of reports', DEFAULT_SAMPLE.from)
    .option('--days <n>', 'number of days of reports', int('--days'), DEFAULT_SAMPLE.days)
    .option('--out <dir>', "data folder to write (default: the project's data/)")
    .option(
      '--force',
      'replace registry, forms and reports even where they hold files the sample lacks',
    )
    .action(
      async (opts: {
        seed: number;
        scale: number;
        from: string;
        days: number;
        out?: string;
        force?: boolean;
      }) => {
        const dataDir = opts.out ? given(opts.out) : path.join(root(), 'data');
        code = await sample(o, dataDir, opts);
      },
    );
  program
    .command('explain')
    .description('one finding: its status, why, where the values came from, who answers for it')
    .requiredOption('--subject <code>', 'the code of a unit or place')
    .requiredOption('--rule <id>', 'the id of a rule')
    .option(
      '--date <day>',
      'the day (YYYY-MM-DD; default: the latest day with a snapshot, else the latest with reports)',
    )
    .option(
      '--lang <lang>',
      "a language of the project, e.g. zh or en (the command's own words are in zh or en)",
      'en',
    )
    .option('--json', 'print the finding as JSON')
    .action(
      async (opts: {
        subject: string;
        rule: string;
        date?: string;
        lang: string;
        json?: boolean;
      }) => {
        if (!/^[a-z]{2,3}$/.test(opts.lang))
          throw new UserError(`--lang ${opts.lang}: expected a language id such as zh or en`);
        code = await explain(io(), {
          root: root(),
          ...opts,
          lang: opts.lang,
          json: Boolean(opts.json),
          maxProblems: maxProblems(),
        });
      },
    );
  const rules = program
    .command('rules')
    .description('check and test the rules policy authors write');
  const rulesOptions = (dir: string | undefined, opts: { json?: boolean }) => {
    const r = root();
    const full = dir === undefined ? path.join(r, 'rules') : given(dir);
    if (dir !== undefined) {
      // A rules folder holds the scoring method beside one folder of rules per policy area.
      const isRulesFolder =
        existsSync(full) &&
        statSync(full).isDirectory() &&
        existsSync(path.join(full, SCORING_FILE));
      if (!isRulesFolder)
        throw new UserError(
          `${dir}: expected the rules folder, the one that holds ${SCORING_FILE} and a folder of rules per policy area (rules are always checked together: ids, versions and shared conditions span files)${existsSync(full) ? '' : ` — there is no ${full}`}`,
        );
    }
    return {
      root: r,
      dir: path.relative(r, full) || '.',
      maxProblems: maxProblems(),
      json: Boolean(opts.json),
    };
  };
  rules
    .command('check [rules-folder]')
    .description(
      'find every mistake in the rules before anything runs; exit 1 on errors (or on warnings, with --strict or --max-warnings)',
    )
    .option('--json', 'print the problems as JSON')
    .option('--strict', 'warnings fail too (the same as --max-warnings 0)')
    .option(
      '--max-warnings <n>',
      'fail when there are more than this many warnings',
      int('--max-warnings'),
    )
    .action(
      async (
        dir: string | undefined,
        opts: { json?: boolean; strict?: boolean; maxWarnings?: number },
      ) => {
        code = await rulesCheck(io(), {
          ...rulesOptions(dir, opts),
          gate: gateOf(opts),
        });
      },
    );
  rules
    .command('test [rules-folder]')
    .description(
      'run the rule tests (*.test.json beside each rule) and measure their coverage; prints failures and a summary; exit 1 on a failure, a case not run, a rule without tests or coverage below the minimum',
    )
    .option('-v, --verbose', 'also list every rule with its coverage')
    .option('--json', 'print the results as JSON')
    .option('--junit <file>', 'write a JUnit XML report (a testcase per case) to this file')
    .action(
      async (
        dir: string | undefined,
        opts: { verbose?: boolean; json?: boolean; junit?: string },
      ) => {
        code = await rulesTest(io(), {
          ...rulesOptions(dir, opts),
          verbose: Boolean(opts.verbose),
          junit: opts.junit === undefined ? undefined : given(opts.junit),
        });
      },
    );
  rules
    .command('diff')
    .description(
      'show what the rules in the working tree change against a git revision, on the current data',
    )
    .option('--rev <revision>', 'the git revision to compare with', 'HEAD')
    .option('--date <day>', 'the day of data to compare on (default: the latest with reports)')
    .option('--limit <n>', 'list at most this many changed outcomes', int('--limit'), 20)
    .option('--json', 'print the comparison as JSON')
    .action(async (opts: { rev: string; date?: string; limit: number; json?: boolean }) => {
      code = await rulesDiff(io(), {
        root: root(),
        rev: opts.rev,
        date: opts.date,
        json: Boolean(opts.json),
        limit: opts.limit,
        maxProblems: maxProblems(),
      });
    });
  program
    .command('schemas')
    .description(
      "write the JSON Schemas for editors (packages/core/schemas/, and rules/ with this project's facts)",
    )
    .action(async () => {
      const r = root();
      code = await writeSchemas(o, r, path.join(r, 'packages', 'core', 'schemas'));
    });
  program
    .command('facts')
    .description('list every fact a rule can use: name, type, measurement unit, label, reporter')
    .option('--json', 'print the catalog as JSON')
    .action(async (opts: { json?: boolean }) => {
      code = await listFacts(o, root(), Boolean(opts.json));
    });
  // Stream C (issue 13): blank report templates.
  program
    .command('templates')
    .description(
      'write the blank report templates of every form: <form>.csv and <form>.xlsx (labels in every language, data validation, instructions)',
    )
    .option(
      '--out <dir>',
      'the folder to write them to (default: templates/ in the project folder)',
    )
    .action(async (opts: { out?: string }) => {
      const r = root();
      code = await writeTemplates(o, r, opts.out ? given(opts.out) : undefined);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    const err = e as { code?: string; exitCode?: number; message?: string };
    // Help and version exit 0; every other complaint of commander is a usage mistake.
    if (typeof err.code === 'string' && err.code.startsWith('commander.'))
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof UserError) {
      o.err(`error: ${e.message}`);
      return EXIT.usage;
    }
    if (isErrno(e) && (e.path !== undefined || WRITE_FAULTS.has(e.code))) {
      // A fault of the disk or the file system, not of Shoutu: said plainly, with the path.
      let base: string | undefined;
      try {
        base = root();
      } catch {
        base = invocationDir(at);
      }
      o.err(`error: ${faultMessage(e, base)}`);
      return EXIT.usage;
    }
    o.err(
      `internal error: ${err.message ?? String(e)} (please report this; run with SHOUTU_DEBUG=1 for details)`,
    );
    if (process.env.SHOUTU_DEBUG) o.err(String((e as Error).stack));
    return EXIT.internal;
  }
}
