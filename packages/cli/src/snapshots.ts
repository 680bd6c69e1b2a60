import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CityResults, DistrictResults, Finding } from '@shoutu/core';
import {
  type DayFiles,
  gunzipCsv,
  INDEX_FILE,
  readCityDay,
  readDayScores,
  readDistrictDay,
  readFindings,
  readStamp,
  SNAPSHOT_DAY,
  SnapshotError,
  type SnapshotStamp,
  serializeDay,
  snapshotDays,
  verifySnapshot,
} from '@shoutu/core/snapshot';
import { type DayResults, type DaySnapshot, snapshotOf, streakKey } from '@shoutu/engine';
import {
  faultPoint,
  fsyncDir,
  removeIfEmpty,
  writeDirAtomic,
  writeFileAtomic,
  writeFilesDurable,
} from './durable.js';
import { toJson } from './files.js';

/** Where results live, relative to the project root. */
export const RESULTS_DIR = 'data/results';
/** Snapshots replaced by `--recompute`, kept: `data/results/superseded/<day>/r<revision>/`. */
export const SUPERSEDED_DIR = 'superseded';
/** Plans of replacements under way: `data/results/.journal/<day>.json`, gone once done. */
export const JOURNAL_DIR = '.journal';
/** Held by the one `shoutu evaluate` writing `data/results/`. */
export const LOCK_FILE = '.lock';

/** What a journal records before a published day is replaced. */
interface Plan {
  day: string;
  /** The name the published snapshot is kept under: `r<n>` in `superseded/<day>/`. */
  keptAs: string;
  /** The revision of the snapshot that replaces it: n + 1. */
  revision: number;
}

/** A leftover of a write that was cut short: `<name>.tmp-<pid>` or `<name>.old-<pid>`. */
const LEFTOVER = /^(.+)\.(old|tmp)-\d+$/;

/**
 * A day's results as the files written for it: `index.json` (with every other file's sha256)
 * and for each district `<code>.json`, `.units.csv.gz`, `.places.csv.gz` and `.findings.csv.gz`.
 */
export function serialize(r: DayResults): DayFiles {
  return serializeDay(r);
}

export type Stamp = SnapshotStamp;

/** The stamp fields that say how a snapshot was made rather than what it found. */
const PROVENANCE = [
  'revision',
  'rulesHash',
  'registryVersion',
  'scoringHash',
  'waiversHash',
] as const;

/**
 * Whether two snapshots of a day found the same: the same files with the same content, apart
 * from the hashes of the inputs that made them. Rules edited elsewhere, or a waiver added for
 * another month, do not make a new revision of a day whose findings and scores stay the same.
 * The index's `files` hashes are left out too: they cover the district files, whose stamps hold
 * the same provenance, and every one of those files is compared itself (CSV files byte for byte).
 */
export function sameFindings(a: DayFiles, b: DayFiles): boolean {
  const names = Object.keys(a).sort();
  if (names.join('\n') !== Object.keys(b).sort().join('\n')) return false;
  const strip = (name: string, body: string | Uint8Array | undefined) => {
    if (body === undefined) return undefined;
    try {
      // Gzipped files are compared by their text: another zlib may pack the same text otherwise.
      if (name.endsWith('.gz'))
        return gunzipCsv(typeof body === 'string' ? Buffer.from(body) : body);
      if (!name.endsWith('.json')) return Buffer.from(body).toString('latin1');
      const v = JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
      for (const k of PROVENANCE) delete v[k];
      if (name === INDEX_FILE) delete v.files;
      return JSON.stringify(v);
    } catch {
      return undefined;
    }
  };
  return names.every((n) => {
    const x = strip(n, a[n]);
    return x !== undefined && x === strip(n, b[n]);
  });
}

/**
 * The daily snapshots under `data/results/`: written once, read for trends and streaks, and
 * replaced only on request, with the earlier one kept.
 */
export class Snapshots {
  private readonly dir: string;
  private readonly memo = new Map<string, DaySnapshot | undefined>();

  constructor(root: string) {
    this.dir = path.join(root, RESULTS_DIR);
  }

  folder(day: string): string {
    return path.join(this.dir, day);
  }

  /** A snapshot exists once its index is written (folders are swapped in whole). */
  has(day: string): boolean {
    return existsSync(path.join(this.folder(day), INDEX_FILE));
  }

  /** The files of a day's snapshot, by name, as they are on disk. */
  async files(day: string): Promise<Record<string, Buffer>> {
    const folder = this.folder(day);
    const names = (await readdir(folder)).sort();
    const out: Record<string, Buffer> = {};
    for (const n of names) out[n] = await readFile(path.join(folder, n));
    return out;
  }

  /** What a snapshot's index records about how it was made, if it can be read. */
  async stamp(day: string): Promise<Stamp | undefined> {
    return readStamp(this.dir, day);
  }

  /**
   * One district's file of a day's snapshot, checked against the results contract; throws a
   * `SnapshotError` saying what is wrong with it.
   */
  district(day: string, code: string): DistrictResults {
    return readDistrictDay(this.dir, day, code);
  }

  /** One district's findings of a day's snapshot, checked (throws a `SnapshotError`). */
  findings(day: string, code: string): Finding[] {
    return readFindings(this.dir, day, code);
  }

  /** A day's index, checked against the results contract (throws a `SnapshotError`). */
  city(day: string): CityResults {
    return readCityDay(this.dir, day);
  }

  /** Writes a day that has no snapshot yet (atomically: see `writeDirAtomic`). */
  async write(day: string, files: DayFiles, r: DayResults): Promise<void> {
    await writeDirAtomic(this.folder(day), files);
    this.memo.set(day, snapshotOf(r));
  }

  /** Remembers what a day's unchanged snapshot tells later days, without reading it back. */
  remember(day: string, r: DayResults): void {
    this.memo.set(day, snapshotOf(r));
  }

  /**
   * The number a published snapshot will be kept under when replaced: its revision, or the next
   * free number if that is taken (a kept snapshot is never overwritten). Only folders named
   * `r<n>` count; a `r<n>.tmp-<pid>` left by a killed run never does.
   */
  keptNumber(day: string, revision: number): number {
    let n = revision;
    while (existsSync(path.join(this.dir, SUPERSEDED_DIR, day, `r${n}`))) n++;
    return n;
  }

  /**
   * Replaces a published day as one recoverable step: a journal records the plan (kept as
   * `r<n>`, new revision n + 1) before anything moves; the published snapshot is copied aside to
   * `superseded/<day>/r<n>.tmp-<pid>` and renamed to `r<n>`; the new day is written atomically;
   * the journal is removed. A run killed at any step is settled by `recover()`: completed if the
   * new day is in place, rolled back otherwise. Returns where the earlier snapshot went.
   */
  async replace(day: string, kept: number, files: DayFiles, r: DayResults): Promise<string> {
    const plan: Plan = { day, keptAs: `r${kept}`, revision: kept + 1 };
    const journal = path.join(this.dir, JOURNAL_DIR, `${day}.json`);
    await writeFileAtomic(journal, toJson(plan));
    faultPoint('journal:written');
    try {
      const target = path.join(this.dir, SUPERSEDED_DIR, day, plan.keptAs);
      const tmp = `${target}.tmp-${process.pid}`;
      await mkdir(path.dirname(target), { recursive: true });
      await rm(tmp, { recursive: true, force: true });
      await mkdir(tmp);
      await writeFilesDurable(tmp, await this.files(day));
      await fsyncDir(tmp);
      faultPoint('supersede:copied');
      await rename(tmp, target);
      await fsyncDir(path.dirname(target));
      faultPoint('supersede:renamed');
      await writeDirAtomic(this.folder(day), files);
    } catch (error) {
      // A full disk or a refused write: put the day back as it was, as a rerun would.
      await this.settle(journal)
        .then(() => removeIfEmpty(path.dirname(journal)))
        .catch(() => {});
      throw error;
    }
    this.memo.set(day, snapshotOf(r));
    await rm(journal, { force: true });
    await fsyncDir(path.dirname(journal));
    await removeIfEmpty(path.dirname(journal));
    faultPoint('journal:removed');
    return [RESULTS_DIR, SUPERSEDED_DIR, day, plan.keptAs].join('/');
  }

  /**
   * Completes or rolls back the replacement a journal planned. Done when the day holds the new
   * revision (the earlier snapshot is kept under its name); otherwise the day still holds the
   * published snapshot, so the copy made aside, if any, is removed. Returns what was done.
   */
  private async settle(journal: string): Promise<{ day: string; done: boolean } | undefined> {
    let plan: Plan | undefined;
    try {
      const v = JSON.parse(await readFile(journal, 'utf8')) as Plan;
      if (SNAPSHOT_DAY.test(v.day) && /^r\d+$/.test(v.keptAs) && Number.isInteger(v.revision))
        plan = v;
    } catch {
      // Written atomically, so whole or absent: one that cannot be read was not written by Shoutu.
    }
    if (plan) {
      const dayDir = path.join(this.dir, SUPERSEDED_DIR, plan.day);
      const kept = path.join(dayDir, plan.keptAs);
      const done = (await this.stamp(plan.day))?.revision === plan.revision && existsSync(kept);
      if (!done) {
        await rm(kept, { recursive: true, force: true });
        await this.removeLeftovers(dayDir);
        await removeIfEmpty(dayDir);
        await removeIfEmpty(path.dirname(dayDir));
      }
      await rm(journal, { force: true });
      return { day: plan.day, done };
    }
    await rm(journal, { force: true });
    return undefined;
  }

  /** Removes every `*.tmp-<pid>` and `*.old-<pid>` entry of a folder. */
  private async removeLeftovers(dir: string): Promise<void> {
    if (!existsSync(dir)) return;
    for (const name of await readdir(dir))
      if (LEFTOVER.test(name)) await rm(path.join(dir, name), { recursive: true, force: true });
  }

  /**
   * Puts back what an interrupted run left, so that the record is as a run never killed would
   * have left it: a day folder moved aside (`<day>.old-<pid>`) with no new one in its place is
   * restored; every replacement a journal planned is completed or rolled back; every other
   * leftover (`*.tmp-*`, `*.old-*`, in `data/results/` and under `superseded/<day>/`) is removed.
   */
  async recover(): Promise<{ restored: string[]; completed: string[]; undone: string[] }> {
    const out = { restored: [] as string[], completed: [] as string[], undone: [] as string[] };
    if (!existsSync(this.dir)) return out;
    let changed = false;
    for (const name of (await readdir(this.dir)).sort()) {
      const m = LEFTOVER.exec(name);
      if (!m || !SNAPSHOT_DAY.test(m[1] as string)) continue;
      const day = m[1] as string;
      changed = true;
      if (m[2] === 'old' && !existsSync(this.folder(day))) {
        await rename(path.join(this.dir, name), this.folder(day));
        out.restored.push(day);
      } else await rm(path.join(this.dir, name), { recursive: true, force: true });
    }
    const journals = path.join(this.dir, JOURNAL_DIR);
    if (existsSync(journals)) {
      for (const name of (await readdir(journals)).sort()) {
        const full = path.join(journals, name);
        if (!name.endsWith('.json')) {
          await rm(full, { recursive: true, force: true });
          continue;
        }
        const settled = await this.settle(full);
        if (settled) (settled.done ? out.completed : out.undone).push(settled.day);
      }
      await removeIfEmpty(journals);
      changed = true;
    }
    const superseded = path.join(this.dir, SUPERSEDED_DIR);
    if (existsSync(superseded))
      for (const day of await readdir(superseded)) {
        const dayDir = path.join(superseded, day);
        const names = await readdir(dayDir).catch(() => [] as string[]);
        if (!names.some((n) => LEFTOVER.test(n))) continue;
        await this.removeLeftovers(dayDir);
        await removeIfEmpty(dayDir);
        changed = true;
      }
    if (changed) await fsyncDir(this.dir);
    return out;
  }

  /**
   * Checks a published day whole before later days take history from it: the index against the
   * results contract, and every file it lists present with its sha256 (only present, with
   * `hashes` false). Undefined when it is whole; else the file at fault (relative to the project) and what is wrong with it.
   */
  verify(day: string, hashes = true): { file: string; problem: string } | undefined {
    try {
      verifySnapshot(this.dir, day, { hashes });
      return undefined;
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      const root = path.dirname(path.dirname(this.dir));
      const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
      return {
        file: rel(error.file),
        problem: error.problem.split(`${root}${path.sep}`).join(''),
      };
    }
  }

  /**
   * Takes `data/results/.lock` (created exclusively, holding the pid and the start time), so that
   * two runs never write the record at once. A lock left by a process that is no longer running
   * is taken over (`note` says so). Released by `release()`, and on SIGINT and SIGTERM.
   */
  async lock(note: (line: string) => void): Promise<{ release: () => void }> {
    await mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, LOCK_FILE);
    // Listening before the lock exists, so that a signal never leaves it behind.
    let held = false;
    const release = () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      if (held) rmSync(file, { force: true });
      held = false;
    };
    const onInt = () => {
      release();
      process.exit(130);
    };
    const onTerm = () => {
      release();
      process.exit(143);
    };
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          const fh = await open(file, 'wx');
          held = true;
          try {
            await fh.writeFile(toJson({ pid: process.pid, started: new Date().toISOString() }));
            await fh.sync();
          } finally {
            await fh.close();
          }
          break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
        }
        let other = readLock(file);
        // Created but not yet written by the run that holds it: give it a moment.
        if (!other) {
          await new Promise((done) => setTimeout(done, 250));
          other = readLock(file);
        }
        if (other && alive(other.pid))
          throw new LockedError(
            `another shoutu evaluate (pid ${other.pid}, started ${other.started}) is writing ${RESULTS_DIR}/; wait for it to finish, or remove ${RESULTS_DIR}/${LOCK_FILE} if no such run is going on`,
          );
        note(
          `note: took over ${RESULTS_DIR}/${LOCK_FILE}${other ? ` of pid ${other.pid} (started ${other.started})` : ''}, a run that is no longer going on`,
        );
        await rm(file, { force: true });
      }
    } catch (error) {
      release();
      throw error;
    }
    return { release };
  }

  /** The days that have a snapshot, in order. */
  async days(): Promise<string[]> {
    // A link named like a day is listed too, so that verification refuses it rather than a
    // run taking it as published (or passing over it) in silence.
    const links = existsSync(this.dir)
      ? readdirSync(this.dir, { withFileTypes: true })
          .filter((e) => e.isSymbolicLink() && /^\d{4}-\d{2}-\d{2}$/.test(e.name))
          .map((e) => e.name)
      : [];
    return [...snapshotDays(this.dir), ...links].sort();
  }

  /**
   * Scores and streaks of earlier days for trends, read once per day. A snapshot of another
   * schema or one that cannot be read gives no history rather than a wrong one.
   */
  history = (day: string): DaySnapshot | undefined => {
    if (!this.memo.has(day)) this.memo.set(day, this.readSync(day));
    return this.memo.get(day);
  };

  /**
   * Only what trends and streaks need: the index's scores, each district's unit scores and
   * finding streaks (`readDayScores`); places and the district files are not read.
   */
  private readSync(day: string): DaySnapshot | undefined {
    if (!this.has(day)) return undefined;
    try {
      // Synchronous: the result builder asks for history as it goes, and stays free of I/O.
      const { scores, streaks } = readDayScores(this.dir, day);
      return { scores, streaks: new Map(streaks.map((f) => [streakKey(f), f.streak])) };
    } catch {
      return undefined;
    }
  }
}

/** Another run holds the lock of `data/results/`. */
export class LockedError extends Error {}

function readLock(file: string): { pid: number; started: string } | undefined {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; started?: unknown };
    if (typeof v.pid === 'number' && Number.isInteger(v.pid) && v.pid > 0)
      return { pid: v.pid, started: String(v.started ?? 'at an unknown time') };
  } catch {
    // Being written, or not written by Shoutu: treated as held by no running process.
  }
  return undefined;
}

/** Whether a process of that pid is running (EPERM: running, as another user). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
