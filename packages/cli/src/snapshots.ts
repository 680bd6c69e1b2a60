import { existsSync } from 'node:fs';
import { readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { CityResults, DistrictResults } from '@shoutu/core';
import {
  INDEX_FILE,
  readCityDay,
  readDistrictDay,
  readSnapshot,
  readStamp,
  type SnapshotStamp,
  snapshotDays,
} from '@shoutu/core/snapshot';
import { type DayResults, type DaySnapshot, snapshotOf } from '@shoutu/engine';
import { replaceDir } from './files.js';

/** Where results live, relative to the project root. */
export const RESULTS_DIR = 'data/results';
/** Snapshots replaced by `--recompute`, kept: `data/results/superseded/<day>/r<revision>/`. */
export const SUPERSEDED_DIR = 'superseded';

/** A day's results as the files written for it: `index.json` and `<district>.json`. */
export function serialize(r: DayResults): Record<string, string> {
  const files: Record<string, string> = { [INDEX_FILE]: `${JSON.stringify(r.city)}\n` };
  for (const d of r.districts) files[`${d.district.code}.json`] = `${JSON.stringify(d)}\n`;
  return files;
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
 */
export function sameFindings(a: Record<string, string>, b: Record<string, string>): boolean {
  const names = Object.keys(a).sort();
  if (names.join('\n') !== Object.keys(b).sort().join('\n')) return false;
  const strip = (text: string | undefined) => {
    try {
      const v = JSON.parse(text ?? '');
      for (const k of PROVENANCE) delete v[k];
      return JSON.stringify(v);
    } catch {
      return undefined;
    }
  };
  return names.every((n) => {
    const x = strip(a[n]);
    return x !== undefined && x === strip(b[n]);
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

  /** The files of a day's snapshot, by name. */
  async files(day: string): Promise<Record<string, string>> {
    const folder = this.folder(day);
    const names = (await readdir(folder)).filter((n) => n.endsWith('.json')).sort();
    const out: Record<string, string> = {};
    for (const n of names) out[n] = await readFile(path.join(folder, n), 'utf8');
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

  /** A day's index, checked against the results contract (throws a `SnapshotError`). */
  city(day: string): CityResults {
    return readCityDay(this.dir, day);
  }

  async write(day: string, files: Record<string, string>, r: DayResults): Promise<void> {
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

  private readSync(day: string): DaySnapshot | undefined {
    if (!this.has(day)) return undefined;
    try {
      // Synchronous: the result builder asks for history as it goes, and stays free of I/O.
      const { city, districts } = readSnapshot(this.dir, day);
      return snapshotOf({ city, districts: [...districts.values()] });
    } catch {
      return undefined;
    }
  }
}
