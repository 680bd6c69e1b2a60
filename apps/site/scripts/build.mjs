#!/usr/bin/env node
/**
 * Builds the site into apps/site/.build and, only when that succeeds, swaps it into apps/site/dist:
 * dist → dist.old, .build → dist, delete dist.old. A failed build leaves the previous dist as it was.
 *
 * Environment: SHOUTU_SITE_OUT builds into another folder instead of apps/site/dist (staged next to
 * it as <out>.build); SHOUTU_RESULTS_DIR, SHOUTU_SITE and SHOUTU_BASE are read by astro.config.mjs.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const custom = process.env.SHOUTU_SITE_OUT;
const dist = custom ? resolve(custom) : join(root, 'dist');
// Staged on the same file system as dist, so the swap is two renames.
const staging = custom ? `${dist}.build` : join(root, '.build');
const old = `${dist}.old`;

// Builds must not phone home (telemetry) and must not depend on the clock or the network.
process.env.ASTRO_TELEMETRY_DISABLED = '1';
// Nor on the caller's environment: under vitest NODE_ENV is "test", and Vite would then ship
// React's development build (three times the bytes) to every page with an island.
process.env.NODE_ENV = 'production';

function fail(message) {
  console.error(`\nsite build failed: ${message}`);
  console.error(`The previous ${custom ? dist : 'apps/site/dist'} (if any) was left untouched.`);
  process.exit(1);
}

rmSync(staging, { recursive: true, force: true });

try {
  const { build } = await import('astro');
  await build({ root, outDir: staging });
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  // The results loader throws errors whose message says what to do; print only that.
  const message = error instanceof Error ? error.message : String(error);
  fail(message.replace(/\n\s+at .*/g, ''));
}

if (!existsSync(join(staging, 'index.html'))) {
  rmSync(staging, { recursive: true, force: true });
  fail('astro build finished but produced no index.html.');
}

try {
  rmSync(old, { recursive: true, force: true });
  if (existsSync(dist)) renameSync(dist, old);
  try {
    renameSync(staging, dist);
  } catch (error) {
    if (existsSync(old) && !existsSync(dist)) renameSync(old, dist);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
} catch (error) {
  fail(
    `could not move .build into dist: ${error instanceof Error ? error.message : String(error)}`,
  );
}

console.log(`site built into ${custom ? dist : 'apps/site/dist'}`);
