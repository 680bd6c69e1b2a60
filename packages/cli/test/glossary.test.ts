import { describe, expect, test } from 'vitest';
import { loadFixture, unframed } from './helpers.js';

const RULE = 'rules/prevention/grid-screening.json';

describe('one word per concept (docs/design/authors.md §1)', () => {
  test('a rule still saying "responsible": "unit" is checked and evaluated, with one warning at the key', async () => {
    const f = await loadFixture('mini');
    const text = await f.read(RULE);
    await f.write(RULE, text.replace('"responsible": "territorial"', '"responsible": "unit"'));
    const line = text.split('\n').findIndex((l) => l.includes('"responsible"')) + 1;
    const r = await f.run('rules', 'check');
    expect(r.code).toBe(0);
    const said = `${r.out}\n${unframed(r.err)}`;
    const warnings = said.split('\n').filter((l) => l.includes('"responsible": "unit"'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`^${RULE}:${line}:3: warning`));
    expect(warnings[0]).toContain('write "subject"');
  });
});
