import { type ChildProcess, spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO } from '../helpers.js';

/** The CLI's entry point, run from source as `pnpm shoutu` runs it (no build needed). */
const BIN = path.join(REPO, 'packages/cli/src/bin.ts');

export interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/**
 * Runs the CLI as a child process: `node --conditions=@shoutu/source --import tsx
 * packages/cli/src/bin.ts --root <root> …args`, from the repository root, with `env` added to the
 * environment. A child process, so that it can be killed (`SHOUTU_FAULT`) without the test.
 */
export function cli(
  root: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@shoutu/source', '--import', 'tsx', BIN, '--root', root, ...args],
      {
        cwd: REPO,
        env: { ...process.env, SHOUTU_FAULT: '', SHOUTU_DEBUG: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

/** The CLI started as a child process (see `cli`), for a test that signals it while it runs. */
export function startCli(root: string, args: string[]): ChildProcess {
  return spawn(
    process.execPath,
    ['--conditions=@shoutu/source', '--import', 'tsx', BIN, '--root', root, ...args],
    { cwd: REPO, env: { ...process.env, SHOUTU_FAULT: '', SHOUTU_DEBUG: '' }, stdio: 'ignore' },
  );
}

/**
 * Every entry below `dir`, by path relative to it: a file's bytes in hex, a folder as `<dir>`.
 * Two trees that give the same map are the same, names, folders and bytes.
 */
export async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(e.parentPath, e.name);
    const rel = path.relative(dir, full).split(path.sep).join('/');
    out[rel] = e.isDirectory() ? '<dir>' : (await readFile(full)).toString('hex');
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** A fresh copy of a prepared project folder. */
export async function copyProject(from: string, name: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), `shoutu-${name}-`));
  await cp(from, root, { recursive: true });
  return root;
}
