import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '@shoutu/cli';

/**
 * Test projects of their own: `fixtures/<name>/` holds a project's `data/` and `rules/`.
 * - `mini`: a district, a street, a community and two grids of the Dalian layout, one rule;
 * - `fjordland`: a second territory sharing nothing with Dalian (other levels, codes, areas,
 *   one language, no places, no positions; its top level reports too);
 * - `states`: a country of states with 3- and 5-digit codes, one language, a rule on the top level.
 */
export const FIXTURES = path.join(import.meta.dirname, 'fixtures');
export type FixtureName = 'mini' | 'fjordland' | 'states';

/**
 * The repository's own project (its committed sample `data/` and `rules/`). Only tests that check
 * the committed sample read it, and they live in `*.sample.test.ts`: every other test runs on
 * fixtures, so that `pnpm test` passes with any valid project in `data/` and `rules/`.
 */
export const REPO = path.resolve(import.meta.dirname, '../../..');

/** Runs the CLI in-process and captures what it prints. */
export async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    interactive: false,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A fixture project copied to a fresh folder, with what a test does with it. */
export interface Fixture {
  /** The copy's root folder: write into it freely. */
  root: string;
  /** Runs the CLI on the copy (`--root <root>` comes first). */
  run: (...args: string[]) => ReturnType<typeof run>;
  /** A path inside the copy. */
  file: (rel: string) => string;
  read: (rel: string) => Promise<string>;
  /** Writes a file of the copy, making its folder. */
  write: (rel: string, text: string) => Promise<void>;
}

/**
 * Loads a fixture project as astro's `loadFixture` does: a fresh copy of `fixtures/<name>/`, so a
 * test may change it without touching the others.
 */
export async function loadFixture(name: FixtureName): Promise<Fixture> {
  const root = await mkdtemp(path.join(tmpdir(), `shoutu-${name}-`));
  await cp(path.join(FIXTURES, name), root, { recursive: true });
  const file = (rel: string) => path.join(root, rel);
  return {
    root,
    run: (...args) => run(['--root', root, ...args]),
    file,
    read: (rel) => readFile(file(rel), 'utf8'),
    write: async (rel, text) => {
      await mkdir(path.dirname(file(rel)), { recursive: true });
      await writeFile(file(rel), text);
    },
  };
}

/** A fresh copy of a fixture project, so a test may write into it: its root folder. */
export async function project(name: FixtureName): Promise<string> {
  return (await loadFixture(name)).root;
}

/** What was printed, without the code frames under problems (their lines start with "> " or "  "). */
export const unframed = (err: string) =>
  err
    .split('\n')
    .filter((l) => !/^[> ] *\d* \|/.test(l))
    .join('\n');
