/**
 * The search index of "find my unit": Pagefind (npm `pagefind`, whose binary is one of its npm
 * optional dependencies, so nothing else is downloaded) over custom records, one index per
 * language (the records' `language`), written into a folder of the output. Only what the search
 * page uses is kept: Pagefind's JS API, its worker and WebAssembly, and the index; not its default
 * UI (about 400 KB of scripts and styles the page does not load).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * At most this many fragment files per language: Pagefind otherwise writes one per record, 22,000
 * per language for a city of scale 30, half the files of the whole site.
 */
const MAX_FRAGMENTS = 500;

/** The files of Pagefind's bundle the search page uses. */
const KEEP =
  /^(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|[^/]*\.pf_meta|wasm\.[^/]*\.pagefind|index\/[^/]+|fragment\/[^/]+)$/;

/**
 * Indexes `records` (`{ url, content, language, meta }`, as Pagefind's `addCustomRecord` takes
 * them) and writes the bundle into `out`. Returns the paths written, relative to `out`, sorted.
 */
export async function writeSearchIndex(records, out, maxFragments = MAX_FRAGMENTS) {
  const pagefind = await import('pagefind');
  try {
    const { index, errors } = await pagefind.createIndex({ maxFragments });
    if (!index) throw new Error(errors.join('; '));
    for (const record of records) {
      const added = await index.addCustomRecord(record);
      if (added.errors.length > 0) throw new Error(added.errors.join('; '));
    }
    const { files, errors: problems } = await index.getFiles();
    if (problems.length > 0) throw new Error(problems.join('; '));
    const written = [];
    for (const f of files) {
      if (!KEEP.test(f.path)) continue;
      mkdirSync(dirname(join(out, f.path)), { recursive: true });
      writeFileSync(join(out, f.path), f.content);
      written.push(f.path);
    }
    return written.sort();
  } finally {
    await pagefind.close();
  }
}
