#!/usr/bin/env node
import { main } from './main.js';

// Output piped into a command that stops reading (`shoutu facts | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2));
