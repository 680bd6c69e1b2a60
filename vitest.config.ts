import { defineConfig } from 'vitest/config';

// Tests import packages by name; the "@shoutu/source" condition resolves them to TypeScript
// source, so tests never wait for a build.
const conditions = ['@shoutu/source', 'node', 'import', 'default'];

export default defineConfig({
  test: {
    projects: ['core', 'engine', 'cli'].map((name) => ({
      resolve: { conditions },
      ssr: { resolve: { conditions } },
      test: {
        name,
        root: `packages/${name}`,
        include: ['test/**/*.test.ts'],
        environment: 'node',
      },
    })),
  },
});
