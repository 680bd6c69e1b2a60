/**
 * No module of any package imports itself back, through any path (zod's
 * `tests/no-circular-imports.test.ts` is the model): a cycle makes the order modules initialise in
 * depend on who is imported first, and an `export const` read before it is set is `undefined`.
 * Type-only imports count too: a cycle of types is where a cycle of values starts.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { describe, expect, test } from 'vitest';

/** The packages' folder; the site is beside it (only sources are read, never data/ or rules/). */
const PACKAGES = path.resolve(import.meta.dirname, '../..');

/** Every import cycle among the TypeScript files under `dir`, each as its path `a → b → a`. */
async function cyclesIn(dir: string): Promise<string[]> {
  const tree = await parseDependencyTree('**/*.{ts,tsx,mts}', {
    cwd: dir,
    transform: false,
    skipDynamicImports: false,
    exclude: /node_modules/,
  });
  const unresolved = Object.entries(tree).flatMap(([file, deps]) =>
    (deps ?? [])
      .filter((d) => d.id === null && d.request.startsWith('.'))
      .map((d) => `${file}: ${d.request}`),
  );
  // An import that cannot be followed would hide the cycles behind it.
  expect(unresolved, 'imports dpdm could not resolve').toEqual([]);
  return parseCircular(tree).map((cycle) => [...cycle, cycle[0]].join(' → '));
}

describe('no import cycles', () => {
  test.each(['core/src', 'engine/src', 'cli/src', '../apps/site/src'])(
    '%s has none',
    async (dir) => {
      expect(await cyclesIn(path.resolve(PACKAGES, dir))).toEqual([]);
    },
  );

  test('a cycle, even of types only, is found and named by its path', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'shoutu-cycle-'));
    // Resolved as the packages are: `./b.js` is `./b.ts`.
    await writeFile(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }),
    );
    await writeFile(
      path.join(dir, 'a.ts'),
      "import { b } from './b.js';\nexport const a = () => b;\n",
    );
    await writeFile(
      path.join(dir, 'b.ts'),
      "import type { C } from './c.js';\nexport const b: C = 1;\n",
    );
    await writeFile(
      path.join(dir, 'c.ts'),
      "import { a } from './a.js';\nexport type C = ReturnType<typeof a> extends never ? 0 : 1;\n",
    );
    await writeFile(path.join(dir, 'd.ts'), "import { a } from './a.js';\nexport const d = a;\n");
    expect(await cyclesIn(dir)).toEqual(['a.ts → b.ts → c.ts → a.ts']);
  });
});
