import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROBLEM_CODES, problemsMarkdown } from '../src/index.js';

const REPO = path.resolve(import.meta.dirname, '../../..');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

describe('the problem catalogue', () => {
  test('every entry is well-formed and its code unique', () => {
    const seen = new Set<string>();
    const names = new Set<string>();
    for (const c of PROBLEM_CODES) {
      expect(c.code, c.code).toMatch(/^SHOUTU-[A-Z]\d{3}$/);
      expect(c.name, c.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['error', 'warning', 'set-aside'], c.code).toContain(c.severity);
      expect(c.title.length, c.code).toBeGreaterThan(5);
      expect(c.title, c.code).not.toMatch(/\.$/);
      expect(c.explanation.length, c.code).toBeGreaterThan(20);
      expect(seen.has(c.code), `${c.code} twice`).toBe(false);
      expect(names.has(c.name), `${c.name} twice`).toBe(false);
      seen.add(c.code);
      names.add(c.name);
    }
  });

  test('every code written in the source of the packages is in the catalogue', () => {
    const known = new Set(PROBLEM_CODES.map((c) => c.code));
    const used = new Map<string, string>();
    for (const pkg of ['core', 'engine', 'cli'])
      for (const file of sourceFiles(path.join(REPO, 'packages', pkg, 'src')))
        for (const m of readFileSync(file, 'utf8').matchAll(/['"`](SHOUTU-[A-Z]\d{3})['"`]/g))
          used.set(m[1] as string, path.relative(REPO, file));
    expect(used.size).toBeGreaterThan(50);
    const unknown = [...used].filter(([code]) => !known.has(code));
    expect(unknown).toEqual([]);
  });

  test('docs/problems.md is generated from the catalogue (run `pnpm shoutu schemas`)', () => {
    const committed = readFileSync(path.join(REPO, 'docs', 'problems.md'), 'utf8');
    expect(committed).toBe(problemsMarkdown());
  });

  test('the page lists every code under its letter, with name, severity and explanation', () => {
    const page = problemsMarkdown([
      {
        code: 'SHOUTU-R012',
        name: 'unknown-fact',
        severity: 'error',
        title: 'A fact that no form gives',
        explanation: 'Use a fact of `shoutu facts`.',
      },
      {
        code: 'SHOUTU-Q001',
        name: 'other',
        severity: 'warning',
        title: 'Another letter',
        explanation: 'Listed after the known letters.',
      },
    ]);
    expect(page).toContain(
      '## R: Rules\n\n### SHOUTU-R012 unknown-fact\n\n**A fact that no form gives.** Severity: error.\n\nUse a fact of `shoutu facts`.\n',
    );
    expect(page.indexOf('## Q: Q')).toBeGreaterThan(page.indexOf('## R: Rules'));
    expect(page).not.toContain('## J:');
  });
});
