import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Problem } from '@shoutu/core';

/** The project folder: the nearest folder upwards that has both `rules/` and `data/`. */
export function findRoot(start = process.cwd()): string {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, 'rules')) && existsSync(path.join(dir, 'data'))) return dir;
    const up = path.dirname(dir);
    if (up === dir)
      throw new UserError(
        `no project found: expected a folder with "rules/" and "data/" at or above ${start}`,
      );
    dir = up;
  }
}

/** An error whose message is for the person at the terminal; printed without a stack trace. */
export class UserError extends Error {}

/** Every file below `dir` whose name matches, as paths relative to `dir` with `/`, sorted. */
export async function listFiles(dir: string, match: (rel: string) => boolean): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter(match)
    .sort();
}

/** `listFiles`, for callers that must not wait (a lazy day source reads when asked). */
export function listFilesSync(dir: string, match: (rel: string) => boolean): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter(match)
    .sort();
}

export interface TextFile {
  /** Path relative to the project root, with `/`: how messages name the file. */
  file: string;
  text: string;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A file's bytes as UTF-8 text. A file in another encoding (GBK, as Excel saves CSV on Chinese
 * Windows) is a problem at the line of its first undecodable byte, never text garbled in silence.
 */
export function decodeText(rel: string, bytes: Uint8Array): TextFile | Problem {
  try {
    return { file: rel, text: UTF8.decode(bytes) };
  } catch {
    const loose = new TextDecoder('utf-8').decode(bytes);
    const bad = loose.indexOf('\uFFFD');
    const line = loose.slice(0, Math.max(0, bad)).split('\n').length;
    return {
      severity: 'error',
      file: rel,
      line,
      message: `the file is not UTF-8 text (it may have been saved as GBK): save it as UTF-8${/\.csv$/i.test(rel) ? ' (in Excel: "CSV UTF-8")' : ''}`,
    };
  }
}

/** Reads files as UTF-8 (see `decodeText`). */
export async function readTexts(
  root: string,
  rels: string[],
): Promise<{ texts: TextFile[]; problems: Problem[] }> {
  const texts: TextFile[] = [];
  const problems: Problem[] = [];
  for (const rel of rels) {
    const read = decodeText(rel, await readFile(path.join(root, rel)));
    if ('text' in read) texts.push(read);
    else problems.push(read);
  }
  return { texts, problems };
}

/** sha256 over file names and contents, in name order: a version that changes with any edit. */
export function contentHash(files: readonly TextFile[]): string {
  const h = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    h.update(f.file);
    h.update('\0');
    h.update(f.text);
    h.update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** sha256 of a value's JSON with keys sorted: the same for the same content however it was written. */
export function valueHash(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(value)))
    .digest('hex')
    .slice(0, 16);
}

/** Moved to `durable.ts` (fsynced, with fault markers); kept here under its old name. */
export { writeDirAtomic as replaceDir } from './durable.js';

/** Stable JSON: two-space indent and a final newline, so that same inputs give the same bytes. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
