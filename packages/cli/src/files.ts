import { createHash } from 'node:crypto';
import { type Dirent, existsSync, lstatSync, readdirSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatBytes, LIMITS, type Problem } from '@shoutu/core';

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

/** The one name a walk passes over on purpose: git's placeholder for an empty folder. */
export const IGNORED_NAME = '.gitkeep';

/** Files editors and systems leave behind: said as warnings, not errors, and never read. */
const LEFTOVER = /^(\.DS_Store|Thumbs\.db|desktop\.ini|~\$.*|\..*\.sw[a-p]|.*~|\.~lock\..*#)$/i;

/** A folder whose name promises a file (`grid-daily.210202.csv/`). */
const FILE_LIKE = /\.(csv|json|jsonc|txt|tsv|xlsx?|md)$/i;

export interface WalkOptions {
  /** Which plain files the caller reads (path relative to `dir`, with `/`); others are passed over. */
  match?: (rel: string) => boolean;
  /** Folders below `dir` a file may sit in: `<day>/<file>` is 2. Default `LIMITS.folderDepth`. */
  maxDepth?: number;
  /** Largest file read, in bytes (size from `lstat`; a larger file is never opened). */
  maxBytes?: number;
  /** What the files are, for the size message: "a report file". */
  what?: string;
  /**
   * Said of a plain file that `match` passes over (a warning naming it), for folders where only
   * the files read belong; without it such files are left to other loaders.
   */
  unmatched?: string;
}

export interface Walk {
  /** Plain files that match, relative to `dir` with `/`, sorted. */
  files: string[];
  /**
   * Entries set aside without being read, each with its reason, naming the entry relative to the
   * project root: links (never followed), hidden files and folders, folders named like files,
   * FIFOs, sockets and devices, entries nested too deep, files larger than `maxBytes`.
   */
  setAside: Problem[];
}

/**
 * Every entry below `root/dir`, by `lstat` (a link is never followed): the plain files to read,
 * and every other entry set aside with its reason, so that nothing is skipped in silence.
 * `.gitkeep` is the one name passed over on purpose. A missing `dir` has no entries.
 */
export function walkEntries(root: string, dir: string, options: WalkOptions = {}): Walk {
  const match = options.match ?? (() => true);
  const maxDepth = options.maxDepth ?? LIMITS.folderDepth;
  const files: string[] = [];
  const setAside: Problem[] = [];
  const base = path.join(root, dir);
  let top: Stats;
  try {
    top = lstatSync(base);
  } catch {
    return { files, setAside };
  }
  const aside = (
    rel: string,
    message: string,
    severity: Problem['severity'] = 'error',
    code: `SHOUTU-${string}` = 'SHOUTU-P003',
  ) => setAside.push({ severity, code, file: rel === '' ? dir : `${dir}/${rel}`, message });
  if (top.isSymbolicLink()) {
    aside(
      '',
      'a symbolic link: expected a real folder; links are not followed, so nothing in it was read',
    );
    return { files, setAside };
  }
  if (!top.isDirectory()) {
    aside('', 'expected a folder, found a file; it was not read');
    return { files, setAside };
  }
  // Iterative, so that no folder tree can run the walk out of stack.
  const pending: { rel: string; depth: number }[] = [{ rel: '', depth: 0 }];
  while (pending.length > 0) {
    const { rel: folder, depth } = pending.pop() as { rel: string; depth: number };
    let entries: Dirent[];
    try {
      entries = readdirSync(path.join(base, folder), { withFileTypes: true });
    } catch (e) {
      aside(
        folder,
        `the folder could not be read (${(e as { code?: string }).code ?? 'error'}); nothing in it was read`,
      );
      continue;
    }
    for (const e of entries) {
      const name = e.name;
      const rel = folder === '' ? name : `${folder}/${name}`;
      if (name === IGNORED_NAME) continue;
      if (e.isSymbolicLink()) {
        aside(
          rel,
          'a symbolic link: expected a plain file or folder; links are not followed, so it was set aside',
        );
        continue;
      }
      if (e.isDirectory()) {
        if (name.startsWith('.'))
          aside(
            rel,
            'a hidden folder: names starting with "." are not read; rename it or remove it (nothing in it was read)',
          );
        else if (FILE_LIKE.test(name))
          aside(
            rel,
            'a folder named like a file: expected a file here, found a folder; nothing in it was read',
          );
        else if (depth + 1 >= maxDepth)
          aside(
            rel,
            `nested too deep: expected at most ${maxDepth} levels of folders and files below ${dir}/; nothing in it was read`,
          );
        else pending.push({ rel, depth: depth + 1 });
        continue;
      }
      if (!e.isFile()) {
        aside(
          rel,
          'not a plain file (a FIFO, socket or device): expected a plain file; it was not read',
        );
        continue;
      }
      if (LEFTOVER.test(name)) {
        aside(
          rel,
          "an editor's or the system's leftover file: it is not read; remove it",
          'warning',
        );
        continue;
      }
      if (name.startsWith('.')) {
        aside(
          rel,
          'a hidden file: names starting with "." are not read, so it was set aside; rename it (without the ".") or remove it',
        );
        continue;
      }
      if (!match(rel)) {
        if (options.unmatched !== undefined) aside(rel, options.unmatched, 'warning');
        continue;
      }
      if (options.maxBytes !== undefined) {
        let size: number;
        try {
          size = lstatSync(path.join(base, rel)).size;
        } catch {
          size = 0;
        }
        if (size > options.maxBytes) {
          aside(
            rel,
            `too large (${size.toLocaleString('en')} bytes): expected ${options.what ?? 'a file'} of at most ${formatBytes(options.maxBytes)}; the file was set aside without being read`,
            'error',
            'SHOUTU-P006',
          );
          continue;
        }
      }
      files.push(rel);
    }
  }
  files.sort();
  setAside.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files, setAside };
}

export interface TextFile {
  /** Path relative to the project root, with `/`: how messages name the file. */
  file: string;
  text: string;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** What is said of a file that is not UTF-8, whether it was decoded whole or piece by piece. */
export function notUtf8Message(rel: string): string {
  return `the file is not UTF-8 text (it may have been saved as GBK): save it as UTF-8${/\.csv$/i.test(rel) ? ' (in Excel: "CSV UTF-8")' : ''}`;
}

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
      code: 'SHOUTU-P004',
      file: rel,
      line,
      message: notUtf8Message(rel),
    };
  }
}

/**
 * Reads files as UTF-8 (see `decodeText`). A link, or a file past `maxBytes` (by `lstat`), is a
 * problem and is never opened.
 */
export async function readTexts(
  root: string,
  rels: string[],
  maxBytes: number = LIMITS.jsonBytes,
): Promise<{ texts: TextFile[]; problems: Problem[] }> {
  const texts: TextFile[] = [];
  const problems: Problem[] = [];
  for (const rel of rels) {
    const st = lstatSync(path.join(root, rel), { throwIfNoEntry: false });
    if (st?.isSymbolicLink() || (st && !st.isFile())) {
      problems.push({
        severity: 'error',
        code: 'SHOUTU-P005',
        file: rel,
        message: st.isSymbolicLink()
          ? 'a symbolic link: expected a plain file; links are not followed, so it was not read'
          : 'expected a plain file; it was not read',
      });
      continue;
    }
    if (st && st.size > maxBytes) {
      problems.push({
        severity: 'error',
        code: 'SHOUTU-P006',
        file: rel,
        message: `too large (${st.size.toLocaleString('en')} bytes): expected a file of at most ${formatBytes(maxBytes)}; it was not read`,
      });
      continue;
    }
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
