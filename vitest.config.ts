import { defineConfig } from 'vitest/config';

// Tests import packages by name; the "@shoutu/source" condition resolves them to TypeScript
// source, so tests never wait for a build.
const conditions = ['@shoutu/source', 'node', 'import', 'default'];

const project = (name: string, root: string, testTimeout = 5_000) => ({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: { name, root, include: ['test/**/*.test.ts'], environment: 'node', testTimeout },
});

export default defineConfig({
  test: {
    projects: [
      project('core', 'packages/core'),
      project('engine', 'packages/engine'),
      project('cli', 'packages/cli'),
      // Builds the real site with Astro: slower than the rest.
      project('site', 'apps/site', 60_000),
    ],
  },
});
