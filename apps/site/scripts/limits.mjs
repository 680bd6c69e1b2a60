/**
 * The size limits of a built site: what scripts/build.mjs measures in the staged output before it
 * swaps it in. A site grows by an archive day every day; these limits stop it before the host (or
 * the people downloading it) find out.
 *
 * Limits (environment variables, whole numbers):
 * - SHOUTU_SITE_MAX_BYTES: the bytes of every file added up (default 1000000000, 1 GB). A file
 *   hard-linked from the archive cache counts as the bytes a copy or an upload of the site moves.
 * - SHOUTU_SITE_MAX_FILES: the number of files (default 100000).
 * Above the limit the build refuses to swap the output in; above WARN_AT (80 %) of it, it warns.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const DEFAULT_MAX_BYTES = 1_000_000_000;
export const DEFAULT_MAX_FILES = 100_000;
/** The share of a limit above which the build warns. */
export const WARN_AT = 0.8;

/**
 * The limits from the environment; a value that is not a positive whole number is a problem named
 * with the variable and what was expected.
 */
export function limitsFrom(env = process.env) {
  const read = (name, fallback) => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return { value: fallback };
    const text = raw.trim().replace(/_/g, '');
    if (!/^\d+$/.test(text) || Number(text) <= 0)
      return {
        problem: `${name}=${JSON.stringify(raw)} is not a limit: expected a positive whole number (of ${name.endsWith('BYTES') ? 'bytes' : 'files'}), e.g. ${fallback}.`,
      };
    return { value: Number(text) };
  };
  const bytes = read('SHOUTU_SITE_MAX_BYTES', DEFAULT_MAX_BYTES);
  const files = read('SHOUTU_SITE_MAX_FILES', DEFAULT_MAX_FILES);
  const problems = [bytes.problem, files.problem].filter(Boolean);
  return problems.length > 0
    ? { problems }
    : { problems: [], maxBytes: bytes.value, maxFiles: files.value };
}

/**
 * Every file below `dir`: the total bytes and files, and the same per folder for the folders one
 * and two levels down (`unit`, `en/unit`, `archive/2020-03-01`), their paths with `/`.
 */
export function measure(dir) {
  const folders = new Map();
  let bytes = 0;
  let files = 0;
  const add = (key, size) => {
    const f = folders.get(key) ?? { bytes: 0, files: 0 };
    f.bytes += size;
    f.files += 1;
    folders.set(key, f);
  };
  const walk = (abs, parts) => {
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const path = join(abs, e.name);
      if (e.isDirectory()) walk(path, [...parts, e.name]);
      else if (e.isFile()) {
        const size = statSync(path).size;
        bytes += size;
        files += 1;
        if (parts.length >= 1) add(parts[0], size);
        if (parts.length >= 2) add(`${parts[0]}/${parts[1]}`, size);
      }
    }
  };
  walk(dir, []);
  return { bytes, files, folders };
}

/** Bytes as people read them: 1.2 MB (powers of 1000, as the limit). */
export function formatBytes(n) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i += 1;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}

const count = (n) => n.toLocaleString('en-US');
const percent = (part, whole) => `${((100 * part) / whole).toFixed(0)} %`;

/**
 * The biggest folders by bytes, `top` of the first level, each with its `top` biggest children,
 * as lines: `  en/  412.0 MB in 40,211 files (en/unit 380.2 MB, en/archive 30.1 MB)`.
 */
export function biggestFolders(measured, top = 5) {
  const entries = [...measured.folders.entries()];
  const bySize = (a, b) => b[1].bytes - a[1].bytes || (a[0] < b[0] ? -1 : 1);
  const firsts = entries
    .filter(([k]) => !k.includes('/'))
    .sort(bySize)
    .slice(0, top);
  return firsts.map(([name, f]) => {
    const children = entries
      .filter(([k]) => k.startsWith(`${name}/`))
      .sort(bySize)
      .slice(0, 3)
      .map(([k, c]) => `${k} ${formatBytes(c.bytes)} in ${count(c.files)} files`);
    const more = children.length > 0 ? ` (${children.join(', ')})` : '';
    return `  ${name}/  ${formatBytes(f.bytes)} in ${count(f.files)} files${more}`;
  });
}

/**
 * Checks a measured output against the limits: `over` (the build must refuse it) and `near`
 * (above WARN_AT of a limit) hold one plain sentence per figure; `summary` the figures, always.
 */
export function checkLimits(measured, { maxBytes, maxFiles }) {
  const over = [];
  const near = [];
  const figure = (value, max, shown, verb, env) => {
    if (value > max)
      over.push(`the output ${verb} ${shown(value)}, over the limit of ${shown(max)} (${env})`);
    else if (value > WARN_AT * max)
      near.push(
        `the output ${verb} ${shown(value)}, ${percent(value, max)} of the limit of ${shown(max)} (${env})`,
      );
  };
  figure(measured.bytes, maxBytes, formatBytes, 'is', 'SHOUTU_SITE_MAX_BYTES');
  figure(measured.files, maxFiles, (n) => `${count(n)} files`, 'has', 'SHOUTU_SITE_MAX_FILES');
  const summary = `${formatBytes(measured.bytes)} in ${count(measured.files)} files (limits ${formatBytes(maxBytes)}, ${count(maxFiles)} files)`;
  return { over, near, summary };
}
