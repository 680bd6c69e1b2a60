/**
 * The overall scores of the last days, for the trend charts: the city's and each district's from
 * the city index of each day, a street's or community's from its district's file of each day.
 *
 * Cheap however long the history grows: only the files of the days in the window are read (the
 * window's days are computed from the latest day, no folder is listed), each file at most once per
 * build, and only its scores are kept. A day without a snapshot, or a district or unit that did
 * not exist that day, is a gap in the chart; a file that exists but cannot be read stops the build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, BANDS, type Band } from '@shoutu/core';
import { latestDay, ResultsError } from './results';

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

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The score and band of a `{ summary }`, or a reason why it has none. */
function scoreOf(v: unknown): Score | string {
  const summary = isObject(v) ? v.summary : undefined;
  if (!isObject(summary)) return 'expected a summary';
  const { score, band } = summary;
  if (!(score === null || (typeof score === 'number' && score >= 0 && score <= 100)))
    return 'expected a score from 0 to 100, or null';
  if (!(band === null || BANDS.includes(band as Band))) return 'expected a band';
  return { score, band: band as Band | null };
}

/**
 * The scores of a city index (`parts`: its districts) or a district file (`parts`: its units).
 * Only what the chart needs is checked: the full contract is checked for the latest day only.
 */
function dayScores(json: unknown, day: string, list: 'districts' | 'units'): DayScores | string {
  if (!isObject(json)) return 'expected an object';
  if (json.day !== day) return `it is for ${String(json.day)}, not ${day}`;
  const whole = scoreOf(json);
  if (typeof whole === 'string') return whole;
  const items = json[list];
  if (!Array.isArray(items)) return `expected a list of ${list}`;
  const parts = new Map<string, Score>();
  for (const item of items) {
    const s = scoreOf(item);
    if (typeof s === 'string') return `${list}: ${s}`;
    if (!isObject(item) || typeof item.code !== 'string') return `${list}: expected a code`;
    parts.set(item.code, s);
  }
  return { whole, parts };
}

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
    return this.#series('index.json', (d) => d.whole);
  }

  /** A district's overall score, from the city index of each day. */
  district(code: string): HistoryPoint[] {
    return this.#series('index.json', (d) => d.parts.get(code) ?? NONE);
  }

  /** A street's or community's overall score, from its district's file of each day. */
  unit(district: string, code: string): HistoryPoint[] {
    return this.#series(`${district}.json`, (d) => d.parts.get(code) ?? NONE);
  }

  #series(file: string, pick: (d: DayScores) => Score): HistoryPoint[] {
    return this.days.map((day) => {
      const scores = this.#read(day, file);
      return { day, ...(scores ? pick(scores) : NONE) };
    });
  }

  #read(day: string, file: string): DayScores | null {
    const path = join(this.dir, day, file);
    const hit = this.#cache.get(path);
    if (hit !== undefined) return hit;
    const scores = existsSync(path) ? this.#parse(path, day, file) : null;
    this.#cache.set(path, scores);
    return scores;
  }

  #parse(path: string, day: string, file: string): DayScores {
    this.filesRead.push(path);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new ResultsError(
        `cannot read ${path} for the trend chart: ${(error as Error).message}`,
      );
    }
    const scores = dayScores(json, day, file === 'index.json' ? 'districts' : 'units');
    if (typeof scores === 'string')
      throw new ResultsError(`${path} cannot be used for the trend chart: ${scores}.`);
    return scores;
  }
}

let cached: History | undefined;

/** The history of the results the site is built from, ending on their latest day; one per build. */
export function getHistory(): History {
  const dir = import.meta.env.SHOUTU_RESULTS_DIR;
  cached ??= new History(dir, latestDay(dir));
  return cached;
}
