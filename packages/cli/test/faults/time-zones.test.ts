import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { project } from '../helpers.js';
import { cli, copyProject, tree } from './helpers.js';

/** Dates come from the data, not the machine: the same project gives the same bytes in any TZ. */
describe('the machine’s time zone changes nothing', () => {
  test('evaluate under TZ=UTC, Asia/Shanghai, Pacific/Kiritimati and America/Los_Angeles: byte-identical data/results', async () => {
    const base = await project('mini');
    const zones = ['UTC', 'Asia/Shanghai', 'Pacific/Kiritimati', 'America/Los_Angeles'];
    const trees = await Promise.all(
      zones.map(async (TZ) => {
        const root = await copyProject(base, `tz-${TZ.replace('/', '-')}`);
        const r = await cli(root, ['evaluate'], { TZ });
        expect(r.code, `${TZ}: ${r.err}`).toBe(0);
        return tree(path.join(root, 'data/results'));
      }),
    );
    expect(Object.keys(trees[0] ?? {}).length).toBeGreaterThan(5);
    for (const [i, t] of trees.entries()) expect(t, zones[i]).toEqual(trees[0]);
  }, 60_000);
});
