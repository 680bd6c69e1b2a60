import { existsSync } from 'node:fs';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
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
  type SnapshotStamp,
  serializeDay,
  snapshotDays,
} from '@shoutu/core/snapshot';
import { type DayResults, type DaySnapshot, snapshotOf, streakKey } from '@shoutu/engine';
import { replaceDir } from './files.js';

/** Where results live, relative to the project root. */
export const RESULTS_DIR = 'data/results';
/** Snapshots replaced by `--recompute`, kept: `data/results/superseded/<day>/r<revision>/`. */
export const SUPERSEDED_DIR = 'superseded';

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

  async write(day: string, files: DayFiles, r: DayResults): Promise<void> {
    await replaceDir(this.folder(day), files);
    this.memo.set(day, snapshotOf(r));
  }

  /** Remembers what a day's unchanged snapshot tells later days, without reading it back. */
  remember(day: string, r: DayResults): void {
    this.memo.set(day, snapshotOf(r));
  }

  /**
   * Copies a snapshot aside before it is replaced, as `r<revision>`, or the next free number if
   * that is taken: a kept snapshot is never overwritten. Returns where it went and the number.
   */
  async supersede(day: string, revision: number): Promise<{ where: string; revision: number }> {
    let n = revision;
    while (existsSync(path.join(this.dir, SUPERSEDED_DIR, day, `r${n}`))) n++;
    await replaceDir(path.join(this.dir, SUPERSEDED_DIR, day, `r${n}`), await this.files(day));
    return { where: [RESULTS_DIR, SUPERSEDED_DIR, day, `r${n}`].join('/'), revision: n };
  }

  /**
   * Puts back what an interrupted write left: a day folder moved aside (`<day>.old-<pid>`) with
   * no new one in its place is restored; other leftovers are removed. Returns the days restored.
   */
  async recover(): Promise<string[]> {
    if (!existsSync(this.dir)) return [];
    const restored: string[] = [];
    for (const name of (await readdir(this.dir)).sort()) {
      const m = /^(\d{4}-\d{2}-\d{2})\.(old|tmp)-\d+$/.exec(name);
      if (!m) continue;
      const day = m[1] as string;
      if (m[2] === 'old' && !existsSync(this.folder(day))) {
        await rename(path.join(this.dir, name), this.folder(day));
        restored.push(day);
      } else await rm(path.join(this.dir, name), { recursive: true, force: true });
    }
    return restored;
  }

  /** The days that have a snapshot, in order. */
  async days(): Promise<string[]> {
    return snapshotDays(this.dir);
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
