#!/usr/bin/env node
// A committed entry point, so that installing the workspace can link the `shoutu` command before
// the package is built; the command itself lives in dist/.
try {
  await import('../dist/bin.js');
} catch (error) {
  if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/bin.js')) {
    console.error(
      'error: @shoutu/cli is not built yet: run `pnpm build` (or use `pnpm shoutu …` from the repository root)',
    );
    process.exitCode = 1;
  } else throw error;
}
