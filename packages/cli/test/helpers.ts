import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '@shoutu/cli';

export const FIXTURES = path.join(import.meta.dirname, 'fixtures');
export const REPO = path.resolve(import.meta.dirname, '../../..');

/** A fresh copy of a fixture project, so a test may write into it. */
export async function project(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `shoutu-${name}-`));
  await cp(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

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
