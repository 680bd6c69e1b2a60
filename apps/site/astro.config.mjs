// @ts-check
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@astrojs/react';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig, passthroughImageService } from 'astro/config';
import { languagesOf } from './src/lib/languages.mjs';

/**
 * Where the engine's results live. Read at build time only (src/lib/results.ts):
 * `SHOUTU_RESULTS_DIR`, else `<SHOUTU_ROOT>/data/results`, both taken from the working directory;
 * without either, this repository's, resolved from this file so that `astro build --root
 * apps/site` works from anywhere.
 */
const resultsDir = process.env.SHOUTU_RESULTS_DIR
  ? resolve(process.env.SHOUTU_RESULTS_DIR)
  : process.env.SHOUTU_ROOT
    ? join(resolve(process.env.SHOUTU_ROOT), 'data/results')
    : fileURLToPath(new URL('../../data/results', import.meta.url));

/**
 * The project the results belong to, whose rule files the rules area reads (src/lib/rule-records.ts):
 * `SHOUTU_ROOT`, else the folder two above the results folder (`<root>/data/results`).
 */
const projectRoot = process.env.SHOUTU_ROOT
  ? resolve(process.env.SHOUTU_ROOT)
  : resolve(resultsDir, '../..');

/** The project's languages; the first (always there) is the default. */
const [defaultLocale = 'en', ...others] = languagesOf(resultsDir);
const languages = [defaultLocale, ...others];

/** `/` locally; GitHub Pages serves a project site under `/<repository>/`. */
const base = process.env.SHOUTU_BASE || '/';
/**
 * The site's address (e.g. `https://example.github.io/shoutu/`): pages get an absolute canonical
 * link and absolute `hreflang` alternates only when it is known (layouts/Base.astro), since relative
 * ones are invalid. Must be an absolute http(s) URL.
 */
const site = siteUrl(process.env.SHOUTU_SITE);

/**
 * SHOUTU_SITE checked: an absolute http(s) URL, or nothing; anything else stops the build in words.
 * @param {string | undefined} value
 */
function siteUrl(value) {
  if (!value) return undefined;
  let parsed;
  try {
    parsed = new URL(value);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) {
    const error = new Error(
      `SHOUTU_SITE is "${value}": expected the site's absolute address, e.g. https://example.github.io/shoutu/`,
    );
    error.stack = error.message;
    throw error;
  }
  return parsed.href;
}

/**
 * Resolve the workspace packages to their TypeScript source (the `@shoutu/source` export condition),
 * so the site builds without building them first. These are Vite 6's defaults with our condition in
 * front; 'development|production' is Vite's placeholder for the current mode.
 */
const clientConditions = ['@shoutu/source', 'module', 'browser', 'development|production'];
const serverConditions = ['@shoutu/source', 'module', 'node', 'development|production'];

export default defineConfig({
  site,
  base,
  output: 'static',
  // Pages are folders (`district/210202/index.html`) and links end in a slash; 'ignore' lets
  // `astro preview` serve `/district/210202` too, as static hosts (GitHub Pages, nginx) do by
  // redirecting to the slash. Links still get the slash: with the directory format, Astro appends it.
  trailingSlash: 'ignore',
  build: { format: 'directory' },
  // The project's languages, from the results (src/lib/locales.ts): the first is served at `/`,
  // the others under `/<lang>/`; pages link to each other with `getRelativeLocaleUrl`.
  i18n: {
    defaultLocale,
    locales: languages,
    routing: { prefixDefaultLocale: false },
  },
  // The pages optimize no image (no page imports astro:assets, no image comes from data): with the
  // passthrough service the build never loads Sharp, whose libheif decodes images
  // (GHSA-26w7-cxv4-gfx2; README, "Dependencies and advisories").
  image: { service: passthroughImageService() },
  // React renders islands only where interaction pays; a page without one loads no JavaScript.
  integrations: [react()],
  devToolbar: { enabled: false },
  vite: {
    plugins: [tailwindcss()],
    define: {
      'import.meta.env.SHOUTU_RESULTS_DIR': JSON.stringify(resultsDir),
      'import.meta.env.SHOUTU_PROJECT_ROOT': JSON.stringify(projectRoot),
    },
    resolve: { conditions: clientConditions },
    build: {
      rollupOptions: {
        // zod's source carries `@__PURE__` comments Rollup cannot place; harmless, only noise.
        onwarn(warning, warn) {
          if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/zod/')) return;
          warn(warning);
        },
      },
    },
    ssr: {
      // Bundle the workspace package (its dist may not exist) and zod, which the site does not
      // depend on directly and so could not be imported from the prerender chunks at run time.
      noExternal: ['@shoutu/core', 'zod'],
      resolve: { conditions: serverConditions, externalConditions: ['@shoutu/source', 'node'] },
    },
  },
});
