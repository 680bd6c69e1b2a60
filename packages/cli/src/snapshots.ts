import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type DistrictResults, RESULTS_SCHEMA } from '@shoutu/core';
import { type DayResults, type DaySnapshot, snapshotOf } from '@shoutu/engine';
import { replaceDir } from './files.js';

/** Where results live, relative to the project root. */
export const RESULTS_DIR = 'data/results';
/** Snapshots replaced by `--recompute`, kept: `data/results/superseded/<day>/r<revision>/`. */
export const SUPERSEDED_DIR = 'superseded';

/** A day's results as the files written for it: `index.json` and `<district>.json`. */
export function serialize(r: DayResults): Record<string, string> {
  const files: Record<string, string> = { 'index.json': `${JSON.stringify(r.city)}\n` };
  for (const d of r.districts) files[`${d.district.code}.json`] = `${JSON.stringify(d)}\n`;
  return files;
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
    return existsSync(path.join(this.folder(day), 'index.json'));
  }

  /** The files of a day's snapshot, by name. */
  async files(day: string): Promise<Record<string, string>> {
    const folder = this.folder(day);
    const names = (await readdir(folder)).filter((n) => n.endsWith('.json')).sort();
    const out: Record<string, string> = {};
    for (const n of names) out[n] = await readFile(path.join(folder, n), 'utf8');
    return out;
  }

  /** The schema and revision a snapshot's index records, if it can be read. */
  async stamp(day: string): Promise<{ schema: unknown; revision: number } | undefined> {
    try {
      const index = JSON.parse(await readFile(path.join(this.folder(day), 'index.json'), 'utf8'));
      return { schema: index.schema, revision: Number(index.revision ?? 1) || 1 };
    } catch {
      return undefined;
    }
  }

  /** One district's file of a day's snapshot, if there is one of this schema. */
  async district(day: string, code: string): Promise<DistrictResults | undefined> {
    try {
      const d = JSON.parse(await readFile(path.join(this.folder(day), `${code}.json`), 'utf8'));
      return d.schema === RESULTS_SCHEMA ? (d as DistrictResults) : undefined;
    } catch {
      return undefined;
    }
  }

  async write(day: string, files: Record<string, string>, r: DayResults): Promise<void> {
    await replaceDir(this.folder(day), files);
    this.memo.set(day, snapshotOf(r));
  }

  /** Remembers what a day's unchanged snapshot tells later days, without reading it back. */
  remember(day: string, r: DayResults): void {
    this.memo.set(day, snapshotOf(r));
  }

  /** Copies a snapshot aside before it is replaced; returns where it went. */
  async supersede(day: string, revision: number): Promise<string> {
    const rel = path.join(RESULTS_DIR, SUPERSEDED_DIR, day, `r${revision}`);
    await replaceDir(
      path.join(this.dir, SUPERSEDED_DIR, day, `r${revision}`),
      await this.files(day),
    );
    return rel.split(path.sep).join('/');
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
      const city = JSON.parse(readFileSync(path.join(this.folder(day), 'index.json'), 'utf8'));
      if (city.schema !== RESULTS_SCHEMA) return undefined;
      const districts = city.districts.map(
        (d: { code: string }) =>
          JSON.parse(
            readFileSync(path.join(this.folder(day), `${d.code}.json`), 'utf8'),
          ) as DistrictResults,
      );
      return snapshotOf({ city, districts });
    } catch {
      return undefined;
    }
  }
}
