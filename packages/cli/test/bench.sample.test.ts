import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from './helpers.js';

/**
 * `pnpm bench --quick` (scale 1, 2 and 3 days of history) runs every part of the harness: this
 * checks that it prints every figure, each with a number, beside its target where it has one. The
 * figures' values are not tested: they measure a machine, not the code. It uses the sample's
 * generator and rules, hence `.sample.`; it builds the site four times, hence the time it takes.
 */
describe('pnpm bench --quick', () => {
  let cache = '';
  afterAll(async () => {
    if (cache) await rm(cache, { recursive: true, force: true });
  });

  it('prints every figure of the province day, the city day and the long history', async () => {
    cache = await mkdtemp(path.join(tmpdir(), 'shoutu-bench-test-'));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--conditions=@shoutu/source',
        '--import',
        'tsx',
        path.join(REPO, 'packages/cli/bench/run.ts'),
        '--quick',
        '--cache',
        cache,
      ],
      { cwd: REPO, maxBuffer: 16 << 20, env: { ...process.env, NODE_ENV: 'production' } },
    );
    const NUM = String.raw`\d[\d,]*(?:\.\d+)?`;
    const SPAN = `${NUM} s wall +${NUM} s user +${NUM} MB peak`;
    const TARGET = 'target [^:]+: (met|MISSED)';
    const figures: [string, string][] = [
      // province
      ['province day: scale 1, 2020-03-02 with 7 days evaluated before it', `; ${NUM} subjects`],
      ['load (project, reports, waivers)', SPAN],
      ['evaluate (every check)', SPAN],
      ['results (scores, roll-up, trends, serialised)', `${SPAN}, ${NUM} MB`],
      ['shoutu evaluate --date (load + evaluate + results)', `${SPAN} +${TARGET}; ${TARGET}`],
      ['evaluations/s (evaluate phase)', NUM],
      ['evaluation on ready facts', `${NUM} s for ${NUM} checks = ${NUM} evaluations/s`],
      ['limit: plain closures on the same ready facts', `${NUM} s = ${NUM} evaluations/s`],
      ['ready facts vs closures (speed ratio)', `${NUM} \\(1/${NUM}\\) +${TARGET}`],
      // city
      ['city day: scale 1, 2020-03-02', ''],
      ['snapshot of the day', `${NUM} MB in ${NUM} files`],
      ['site build (2 days, archive cache cold)', SPAN],
      ['site: bytes and files', `${NUM} [KMG]B in ${NUM} files`],
      [
        'largest district page, gzipped',
        `${NUM} [KMG]B \\(\\S+index\\.html, of [1-9]\\d* district pages\\) +${TARGET}`,
      ],
      // history
      ['daily build with long history: scale 1', ''],
      ['daily step after 2 days: validate', SPAN],
      ['daily step after 2 days: evaluate', SPAN],
      ['daily step after 2 days: site build', SPAN],
      ['daily step after 2 days: cost', `${NUM} s wall, ${NUM} s user`],
      ['site after 3 days: bytes and files', `${NUM} [KMG]B in ${NUM} files`],
      ['daily step after 3 days: cost', `${NUM} s wall, ${NUM} s user`],
      ['site after 4 days: bytes and files', `${NUM} [KMG]B in ${NUM} files`],
      [
        'daily step after 365 days: cost',
        `${NUM} s wall, ${NUM} s user \\(extrapolated linearly from 2 and 3 days, never below the 3-day figure\\) +${TARGET}`,
      ],
      [
        'cost(365)/cost(2)',
        `${NUM} wall, ${NUM} user \\(extrapolated linearly from 2 and 3 days, never below the 3-day figure\\) +${TARGET}`,
      ],
      ['snapshot bytes per day × 365', `${NUM} [KMG]B × 365 = ${NUM} [KMG]B +${TARGET}`],
      [
        'site after 365 days: bytes and files',
        `${NUM} [KMG]B in ${NUM} files \\(extrapolated linearly from 2 and 3 days, never below the 3-day figure\\) +${TARGET}; ${TARGET}`,
      ],
    ];
    const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const missing = figures
      .filter(([label, value]) => !new RegExp(`^ *${literal(label)} *${value}`, 'm').test(stdout))
      .map(([label]) => label);
    expect(missing, stdout).toEqual([]);
    // A figure divided by a zero time or read from a missing field would say so.
    expect(stdout).not.toMatch(/NaN|Infinity|undefined/);
  }, 900_000);
});
