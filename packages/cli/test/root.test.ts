import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { main } from '@shoutu/cli';
import { describe, expect, test } from 'vitest';
import { project } from './helpers.js';

/** Runs the CLI in-process as if from the folder `cwd` with the environment `env`. */
async function runAt(args: string[], cwd: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(
    args,
    { out: (l) => out.push(l), err: (l) => err.push(l), interactive: false },
    { cwd, env },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// The mini fixture has 1 rule; the states fixture, standing for another folder, has 2.
const MINI_RULES = 'rules check: 1 rule, 0 errors';

describe('any project root, paths from where the command was run', () => {
  test('`rules check <folder>` takes the folder from the working directory, not the repository', async () => {
    const root = await project('mini');
    const r = await runAt(['rules', 'check', 'rules'], root);
    expect(r.err).toBe('');
    expect(r.out).toContain(MINI_RULES);
    // From the folder above, with --root taken from there too.
    const above = await runAt(
      ['--root', path.basename(root), 'rules', 'check', path.join(path.basename(root), 'rules')],
      path.dirname(root),
    );
    expect(above.out).toContain(MINI_RULES);
  });

  test('`pnpm shoutu` runs in the repository: the folder it was called from is INIT_CWD', async () => {
    const root = await project('mini');
    // The folder pnpm runs the script in: a project of its own (2 rules), so reading it would show.
    const repository = await project('states');
    const r = await runAt(['rules', 'check', 'rules'], repository, {
      INIT_CWD: root,
      npm_lifecycle_event: 'shoutu',
    });
    expect(r.out).toContain(MINI_RULES);
    // Another script's INIT_CWD is not where this command was run.
    const other = await runAt(['--root', root, 'rules', 'check'], root, {
      INIT_CWD: repository,
      npm_lifecycle_event: 'pipeline',
    });
    expect(other.out).toContain(MINI_RULES);
  });

  test('SHOUTU_ROOT names the project when --root is not given; --root wins', async () => {
    const root = await project('mini');
    const elsewhere = path.dirname(root);
    expect((await runAt(['rules', 'check'], elsewhere, { SHOUTU_ROOT: root })).out).toContain(
      MINI_RULES,
    );
    const other = await project('mini');
    const both = await runAt(['--root', other, 'validate'], elsewhere, { SHOUTU_ROOT: '/nowhere' });
    expect(both.code).toBe(0);
  });

  test('a root that is not a project, or a folder that is not a rules folder, is named', async () => {
    const root = await project('mini');
    const empty = path.join(root, 'empty');
    await mkdir(empty);
    const r = await runAt(['--root', 'empty', 'validate'], root);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `error: --root empty: expected a project folder with "data/" and "rules/" in ${empty}`,
    );
    const env = await runAt(['validate'], root, { SHOUTU_ROOT: 'nowhere' });
    expect(env.err).toBe(
      `error: SHOUTU_ROOT=nowhere: no such folder (${path.join(root, 'nowhere')})`,
    );
    const notRules = await runAt(['rules', 'check', 'data'], root);
    expect(notRules.code).toBe(2);
    expect(notRules.err).toContain(
      'error: data: expected the rules folder, the one that holds scoring.json',
    );
  });
});
