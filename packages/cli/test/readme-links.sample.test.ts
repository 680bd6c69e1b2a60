import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { REPO } from './helpers.js';

/** The repository's README (a sample test: it reads the repository, not a fixture). */
const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');

/** Every Markdown link target of the README, `[text](target)`, outside code blocks. */
function linkTargets(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] as string);
}

/**
 * Pages the README links that other streams of issue 13 write (docs/design/authors.md §7): they
 * exist once those streams are merged. Remove this list at the merge.
 */

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');

it('the README links nothing outside the repository, and every link it has leads somewhere', () => {
  const targets = linkTargets(readme);
  expect(targets.length).toBeGreaterThan(3);
  const anchors = new Set(
    readme
      .split('\n')
      .filter((l) => /^#{1,6} /.test(l))
      .map((l) => anchorOf(l.replace(/^#+ /, ''))),
  );
  for (const target of targets) {
    if (/^https?:\/\//.test(target)) continue; // a web page, not a file
    if (target.startsWith('#')) {
      expect(anchors, `README links ${target}, a heading it does not have`).toContain(
        target.slice(1),
      );
      continue;
    }
    const file = target.replace(/#.*$/, '');
    const resolved = path.resolve(REPO, file);
    expect(
      path.relative(REPO, resolved).startsWith('..') || path.isAbsolute(file),
      `README links ${target}, which is outside the repository`,
    ).toBe(false);
    expect(existsSync(resolved), `README links ${target}, which does not exist`).toBe(true);
  }
  // A page named in code rather than linked counts too: `../shared/domain.md` once sent readers
  // out of the repository.
  expect(readme.match(/`\.\.\/[^`]*\.md\b[^`]*`/g) ?? []).toEqual([]);
});

it('the README says how to get pnpm, and its front-door commands need only Node and npm', () => {
  const start = readme.indexOf('\n## Quick start\n');
  const quick = readme.slice(start, readme.indexOf('\n## ', start + 1));
  expect(quick).toContain('npm i -g pnpm@10');
  // The commands to build and to test, as a machine with only Node and npm runs them.
  const commands = quick.match(/```sh\n([\s\S]*?)```/)?.[1] ?? '';
  const lines = commands.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  expect(lines).toEqual([
    'npx -y pnpm@10 install && npx -y pnpm@10 start',
    'npx -y pnpm@10 install && npx -y pnpm@10 test',
  ]);
});
