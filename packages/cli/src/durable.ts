/**
 * Writes that survive a kill or a power cut: a folder is written beside its place, flushed to
 * the disk (fsync of every file and of the folder), and renamed into place, so that readers see
 * the old folder or the new one, never a mix. Faults of the disk (full, read-only, permission)
 * become plain messages.
 *
 * Fault injection: `SHOUTU_FAULT=<marker>` makes the process kill itself (SIGKILL, as `kill -9`)
 * when it reaches that marker, so that tests can stop a run between any two steps of a write.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every point where a run may be killed on purpose (`SHOUTU_FAULT=<marker>`), in the order a
 * recompute reaches them. `write:*` are the steps of `writeDirAtomic` (the first one it runs),
 * `journal:*` and `supersede:*` the steps of replacing a published day.
 */
export const FAULT_MARKERS = [
  'journal:written',
  'supersede:copied',
  'supersede:renamed',
  'write:first-file',
  'write:files-synced',
  'write:folder-synced',
  'write:old-aside',
  'write:renamed',
  'write:parent-synced',
  'write:old-removed',
  'journal:removed',
] as const;
export type FaultMarker = (typeof FAULT_MARKERS)[number];

/** The marker named by `SHOUTU_FAULT`, read once. */
const FAULT = process.env.SHOUTU_FAULT;

/** Kills the process (SIGKILL) when `SHOUTU_FAULT` names this marker. */
export function faultPoint(marker: FaultMarker): void {
  if (FAULT === marker) process.kill(process.pid, 'SIGKILL');
}

/** Names the path in a fault that a file handle threw without one (ENOSPC from a write). */
function at<T>(p: string, run: () => Promise<T>): Promise<T> {
  return run().catch((error: unknown) => {
    if (isErrno(error) && error.path === undefined) error.path = p;
    throw error;
  });
}

/** Flushes a file or folder to the disk. */
function fsyncPath(p: string): Promise<void> {
  return at(p, async () => {
    const fh = await open(p, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  });
}

/** How many files are flushed at once (well below the usual limit of 1024 open files). */
const SYNC_AT_ONCE = 64;

/** Flushes files to the disk, several at a time. */
async function syncAll(files: readonly string[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < files.length) await fsyncPath(files[next++] as string);
  };
  await Promise.all(Array.from({ length: Math.min(SYNC_AT_ONCE, files.length) }, worker));
}

/**
 * Writes files into an existing folder and flushes each to the disk (not the folder). Flushed
 * together: the disk commits them in a few journal writes rather than one each (a scale-30 day:
 * ~30 ms instead of ~150 ms).
 */
export async function writeFilesDurable(
  dir: string,
  files: Record<string, string | Uint8Array>,
  afterFirst?: () => void,
): Promise<void> {
  for (const [name, body] of Object.entries(files)) {
    await at(path.join(dir, name), () => writeFile(path.join(dir, name), body));
    afterFirst?.();
    afterFirst = undefined;
  }
  await syncAll(Object.keys(files).map((name) => path.join(dir, name)));
}

/** Writes a file and flushes it to the disk. */
export function writeFileDurable(file: string, body: string | Uint8Array): Promise<void> {
  return at(file, async () => {
    const fh = await open(file, 'w');
    try {
      await fh.writeFile(body);
      await fh.sync();
    } finally {
      await fh.close();
    }
  });
}

/** Flushes a folder (its entries: names created, renamed or removed) to the disk. */
export async function fsyncDir(dir: string): Promise<void> {
  await fsyncPath(dir);
}

/**
 * Writes `files` into a fresh `<dir>.tmp-<pid>`, each file and the folder flushed to the disk,
 * then renames it into place (an existing `dir` is moved aside as `<dir>.old-<pid>` first and
 * removed after), and flushes the parent folder. A reader sees all the old files or all the new;
 * a run killed in between leaves a `.tmp-` or `.old-` folder that `Snapshots.recover` settles.
 */
export async function writeDirAtomic(
  dir: string,
  files: Record<string, string | Uint8Array>,
): Promise<void> {
  const parent = path.dirname(dir);
  const tmp = `${dir}.tmp-${process.pid}`;
  await mkdir(parent, { recursive: true });
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp);
  const old = `${dir}.old-${process.pid}`;
  let had = false;
  try {
    await writeFilesDurable(tmp, files, () => faultPoint('write:first-file'));
    faultPoint('write:files-synced');
    await fsyncDir(tmp);
    faultPoint('write:folder-synced');
    had = existsSync(dir);
    if (had) await rename(dir, old);
    faultPoint('write:old-aside');
    await rename(tmp, dir);
  } catch (error) {
    // A full disk or a refused write: the old folder stays (or is put back), the new one goes.
    if (had && !existsSync(dir) && existsSync(old)) await rename(old, dir).catch(() => {});
    await rm(tmp, { recursive: true, force: true }).catch(() => {});
    throw error;
  }
  faultPoint('write:renamed');
  await fsyncDir(parent);
  faultPoint('write:parent-synced');
  if (had) await rm(old, { recursive: true, force: true });
  faultPoint('write:old-removed');
}

/** Writes one file in place of another atomically: `<file>.tmp-<pid>`, fsync, rename, fsync. */
export async function writeFileAtomic(file: string, body: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFileDurable(tmp, body);
  await rename(tmp, file);
  await fsyncDir(path.dirname(file));
}

/** Removes a folder if it is empty (and flushes its parent); leaves it otherwise. */
export async function removeIfEmpty(dir: string): Promise<void> {
  if (!existsSync(dir) || (await readdir(dir)).length > 0) return;
  await rm(dir, { recursive: true, force: true });
  await fsyncDir(path.dirname(dir));
}

/** What each fault of the file system means, in plain words. */
const FAULTS: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up (the disk is full for this user)',
  EROFS: 'the folder is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EMFILE: 'too many files are open at once (raise the limit with `ulimit -n`)',
  ENFILE: 'too many files are open on this machine',
  ENOTDIR: 'a part of this path is a file where a folder was expected',
  EISDIR: 'this is a folder where a file was expected',
  ENOENT: 'no such file or folder',
  EEXIST: 'this already exists',
  EIO: 'the disk could not be read or written (an input/output error)',
  EBUSY: 'the file or folder is in use',
};

/** Faults of writing that leave a run unable to go on (the disk or the folder refuses). */
export const WRITE_FAULTS = new Set([
  'ENOSPC',
  'EDQUOT',
  'EROFS',
  'EACCES',
  'EPERM',
  'EMFILE',
  'ENFILE',
  'ENOTDIR',
  'EISDIR',
  'EIO',
]);

/** An error of the file system (`code`, and usually `path`), as Node throws them. */
export function isErrno(e: unknown): e is NodeJS.ErrnoException & { code: string } {
  return (
    e instanceof Error &&
    typeof (e as NodeJS.ErrnoException).code === 'string' &&
    /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code as string)
  );
}

/**
 * A fault of the file system in plain words: `<path relative to root>: <why>`. The path is the
 * one Node names (the first of a rename); a fault that names none says so.
 */
export function faultMessage(e: NodeJS.ErrnoException & { code: string }, root?: string): string {
  const why = faultReason(e);
  const where = typeof e.path === 'string' ? relativeTo(root, e.path) : undefined;
  return where === undefined ? why : `${where}: ${why}`;
}

/** Why a fault happened, in plain words (without the path). */
export function faultReason(e: unknown): string {
  const code = isErrno(e) ? e.code : undefined;
  if (code === undefined) return e instanceof Error ? e.message : String(e);
  return FAULTS[code] ?? `the operation failed (${code})`;
}

function relativeTo(root: string | undefined, p: string): string {
  if (root === undefined) return p;
  const rel = path.relative(root, path.resolve(root, p));
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel)
    ? p
    : rel.split(path.sep).join('/');
}
