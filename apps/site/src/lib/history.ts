/**
 * The overall scores of the last days, for the trend charts: the city's and each district's from
 * the city index of each day, a unit's from its district's units file of each day.
 *
 * Cheap however long the history grows: only the files of the days in the window are read (the
 * window's days are computed from the latest day, no folder is listed), each file at most once per
 * build, and only its scores are kept. A day without a snapshot, or a district or unit that did
 * not exist that day, is a gap in the chart; a file that exists but cannot be read stops the build.
 * Files are read and checked by the snapshot reader of @shoutu/core.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, type Band, type CityResults } from '@shoutu/core';
import { districtFileName, readCityDay, readUnitScores, snapshotFile } from '@shoutu/core/snapshot';
import { checkFile, latestDay, reading } from './results';

/** How many days a chart shows, the latest included. */
export const HISTORY_DAYS = 30;

export interface HistoryPoint {
  day: string;
  /** The overall score that day; null when there is no data (no snapshot, not scored, not in force). */
  score: number | null;
  band: Band | null;
}

type Score = Pick<HistoryPoint, 'score' | 'band'>;

/** One day's scores of one file: the whole (city or district) and its parts (districts or units). */
interface DayScores {
  whole: Score;
  parts: Map<string, Score>;
}

const NONE: Score = { score: null, band: null };

const scoreOf = (v: { summary: Score }): Score => ({
  score: v.summary.score,
  band: v.summary.band,
});

export class History {
  /** The days of the window, oldest first. */
  readonly days: readonly string[];
  /** Every file read so far, in order: each at most once. */
  readonly filesRead: string[] = [];
  readonly #cache = new Map<string, DayScores | null>();

  constructor(
    readonly dir: string,
    latest: string,
    length = HISTORY_DAYS,
  ) {
    this.days = Array.from({ length }, (_, i) => addDays(latest, i - length + 1));
  }

  /** The city's overall score on each day of the window. */
  city(): HistoryPoint[] {
    return this.#series(undefined, (d) => d.whole);
  }

  /** A district's overall score, from the city index of each day. */
  district(code: string): HistoryPoint[] {
    return this.#series(undefined, (d) => d.parts.get(code) ?? NONE);
  }

  /** A unit's overall score, from its district's units file of each day. */
  unit(district: string, code: string): HistoryPoint[] {
    return this.#series(district, (d) => d.parts.get(code) ?? NONE);
  }

  /** `district`: its units file of each day; undefined: the city index of each day. */
  #series(district: string | undefined, pick: (d: DayScores) => Score): HistoryPoint[] {
    return this.days.map((day) => {
      const scores = this.#read(day, district);
      return { day, ...(scores ? pick(scores) : NONE) };
    });
  }

  #read(day: string, district: string | undefined): DayScores | null {
    const path =
      district === undefined
        ? snapshotFile(this.dir, day)
        : join(this.dir, day, districtFileName(district, 'units'));
    const hit = this.#cache.get(path);
    if (hit !== undefined) return hit;
    let scores: DayScores | null = null;
    if (district === undefined) {
      const city = this.#city(day);
      if (city)
        scores = {
          whole: scoreOf(city),
          parts: new Map(city.districts.map((d) => [d.code, scoreOf(d)])),
        };
    } else if (existsSync(path)) {
      // The units file is checked against its hash in the day's index before it is read.
      const city = this.#city(day);
      const entry = city?.districts.find((d) => d.code === district);
      if (city && entry) {
        this.filesRead.push(path);
        scores = reading(() => {
          checkFile(this.dir, city, districtFileName(district, 'units'));
          return {
            whole: scoreOf(entry),
            parts: readUnitScores(this.dir, day, district),
          };
        });
      }
    }
    this.#cache.set(path, scores);
    return scores;
  }

  readonly #cities = new Map<string, CityResults | null>();

  /** The city index of a day (read once), or null when the day has no snapshot. */
  #city(day: string): CityResults | null {
    let city = this.#cities.get(day);
    if (city === undefined) {
      const path = snapshotFile(this.dir, day);
      city = null;
      if (existsSync(path)) {
        this.filesRead.push(path);
        city = reading(() => readCityDay(this.dir, day));
      }
      this.#cities.set(day, city);
    }
    return city;
  }
}

let cached: History | undefined;

/** The history of the results the site is built from, ending on their latest day; one per build. */
export function getHistory(): History {
  const dir = import.meta.env.SHOUTU_RESULTS_DIR;
  cached ??= new History(dir, latestDay(dir));
  return cached;
}
