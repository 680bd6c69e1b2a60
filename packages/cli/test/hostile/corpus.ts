import { spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from 'vitest';
import { type Fixture, type FixtureName, loadFixture, REPO } from '../helpers.js';

/**
 * The bad-input corpus (issue 11): each case is a small project built from a fixture plus the
 * case's edits, one command, and what must come out. Every case also asserts what holds for any
 * input: no stack trace, no `internal error`, never exit 70. Expectations follow the contracts of
 * docs/design/hostile-input.md; the README's "Bad-input corpus" counts the cases.
 */

export const GROUPS = [
  'files and entries',
  'JSON structure',
  'reports: CSV',
  'reports: JSON',
  'registry and forms',
  'rules and shared conditions',
  'waivers',
  'scoring',
  'the record',
] as const;
export type Group = (typeof GROUPS)[number];

export interface Outcome {
  code: number;
  out: string;
  err: string;
  /** stdout and stderr together, as a person at the terminal reads them. */
  all: string;
}

export interface Case {
  group: Group;
  name: string;
  /** The fixture copied for this case (default `mini`). */
  fixture?: FixtureName;
  /** Edits to the fresh copy. */
  setup: (f: Fixture) => Promise<void> | void;
  /** The command, after `--root <copy>`. */
  command: string[];
  expect: {
    exit: number;
    /** A located message (each pattern must match stdout + stderr). */
    message: RegExp | RegExp[];
    /** The count line: what was set aside. */
    setAside?: RegExp;
    /** What was kept: data or results after the command. */
    kept?: (f: Fixture, r: Outcome) => Promise<void> | void;
  };
  /** Run the CLI as a child process (a FIFO, which an in-process read could block on). */
  process?: boolean;
  timeout?: number;
}

/** `SHOUTU_HOSTILE_DUMP=<file>` appends every case's output to a file, for reading messages. */
const DUMP = process.env.SHOUTU_HOSTILE_DUMP;

function runChild(root: string, args: string[]): Outcome {
  const r = spawnSync(
    process.execPath,
    [
      '--conditions=@shoutu/source',
      '--import',
      'tsx',
      path.join(REPO, 'packages/cli/src/bin.ts'),
      '--root',
      root,
      ...args,
    ],
    { cwd: REPO, encoding: 'utf8', timeout: 30_000, env: { ...process.env, SHOUTU_DEBUG: '' } },
  );
  const out = r.stdout ?? '';
  const err = `${r.stderr ?? ''}${r.error ? `\n(child: ${r.error.message})` : ''}`;
  const code = r.status ?? (r.signal ? 128 : 1);
  return { code, out, err, all: `${out}\n${err}` };
}

/** Registers one vitest test per case. */
export function runCorpus(cases: readonly Case[]): void {
  for (const c of cases) {
    test(`${c.group}: ${c.name}`, { timeout: c.timeout ?? 20_000 }, async () => {
      const f = await loadFixture(c.fixture ?? 'mini');
      try {
        await c.setup(f);
        let r: Outcome;
        if (c.process) r = runChild(f.root, c.command);
        else {
          const got = await f.run(...c.command);
          r = { ...got, all: `${got.out}\n${got.err}` };
        }
        if (DUMP)
          appendFileSync(
            DUMP,
            `### ${c.group}: ${c.name}\n$ shoutu ${c.command.join(' ')} → ${r.code}\n${r.all.slice(0, 4000)}\n\n`,
          );
        // What holds for any input.
        expect(r.all, 'a stack trace was printed').not.toMatch(/^\s+at /m);
        expect(r.all, '"internal error" was printed').not.toMatch(/internal error/i);
        expect(r.code, 'exit 70 (internal error)').not.toBe(70);
        // The case's own expectations.
        expect(r.code, `exit code; output:\n${r.all.slice(0, 2000)}`).toBe(c.expect.exit);
        const messages = Array.isArray(c.expect.message) ? c.expect.message : [c.expect.message];
        for (const m of messages) expect(r.all).toMatch(m);
        if (c.expect.setAside) expect(r.all).toMatch(c.expect.setAside);
        await c.expect.kept?.(f, r);
      } finally {
        await rm(f.root, { recursive: true, force: true });
      }
    });
  }
}

/** Escapes a path or text for a RegExp. */
export const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A located message: the file, then `:line` (and more), anywhere on a line of output. */
export const at = (file: string, rest: string | RegExp = '') =>
  new RegExp(
    `${esc(file)}:\\d+[^\\n]*(?:${typeof rest === 'string' ? esc(rest) : rest.source})`,
    'i',
  );

/** A message naming the file (no line: a whole-file problem), then `rest` on the same line. */
export const named = (file: string, rest: string | RegExp = '') =>
  new RegExp(`${esc(file)}[^\\n]*(?:${typeof rest === 'string' ? esc(rest) : rest.source})`, 'i');
