import { defineConfig } from 'vitest/config';
import type { Reporter } from 'vitest/reporters';

// Tests import packages by name; the "@shoutu/source" condition resolves them to TypeScript
// source, so tests never wait for a build.
const conditions = ['@shoutu/source', 'node', 'import', 'default'];

/**
 * `SHOUTU_SAMPLE_TESTS=skip` leaves out the tests of the committed sample (`*.sample.test.ts`), as
 * with another territory's project in data/ and rules/ (vitest's own `--exclude` does not reach
 * into projects that set their own).
 */
const SAMPLE = process.env.SHOUTU_SAMPLE_TESTS === 'skip' ? ['**/*.sample.test.ts'] : [];

/** The site's tests that need no built site. */
const SITE_UNIT = ['test/views/**/*.test.ts', 'test/i18n.test.ts', 'test/locales.test.ts'];

const project = (
  name: string,
  root: string,
  testTimeout = 5_000,
  globalSetup: string[] = [],
  include = ['test/**/*.test.ts'],
  exclude: string[] = [],
) => ({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    name,
    root,
    include,
    exclude: ['**/node_modules/**', ...exclude, ...SAMPLE],
    environment: 'node',
    testTimeout,
    globalSetup,
    hookTimeout: 300_000,
  },
});

/**
 * Ends the run with a plain "N passed, N failed" line that any CI log reader understands. A file
 * that failed outside its tests (a failed beforeAll, an import error) leaves its tests skipped: it
 * counts as one failure, as does an unhandled error, so the line never says 0 failed for a red run.
 */
const plainSummary: Reporter = {
  onTestRunEnd(modules, unhandledErrors) {
    const counts = { passed: 0, failed: unhandledErrors.length, skipped: 0 };
    for (const m of modules) {
      let failedTests = 0;
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') counts.passed++;
        else if (state === 'failed') failedTests++;
        else counts.skipped++;
      }
      counts.failed += failedTests;
      if (failedTests === 0 && m.state() === 'failed') counts.failed++;
    }
    process.stdout.write(
      `\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`,
    );
  },
};

export default defineConfig({
  test: {
    reporters: ['default', plainSummary],
    projects: [
      project('core', 'packages/core'),
      project('engine', 'packages/engine'),
      project('cli', 'packages/cli'),
      // Builds two sites with Astro once (test/global-setup.ts): slower than the rest.
      project('site', 'apps/site', 60_000, ['test/global-setup.ts'], undefined, SITE_UNIT),
      // The site's view models and translations on hand-built data: no build, fast.
      project('site-unit', 'apps/site', 5_000, [], SITE_UNIT),
    ],
  },
});
