/**
 * The record the site publishes, checked before anything of it is built: every entry under the
 * results folder is accounted for, and only whole days of the past are published.
 *
 * - A symbolic link anywhere under the results folder is refused, never followed: a link could
 *   put any file of the machine, or another project's snapshot, on the public site.
 * - Anything that is neither a plain file nor a folder (a FIFO, a socket, a device) is refused:
 *   reading one would hang the build or read a device.
 * - A day folder for a day that has not begun in the project's time zone (`data/project.json`)
 *   is refused: a day is published once it has begun, never ahead.
 * - A day folder is checked whole (`checkDayFiles`, with its hashes when asked): its index read
 *   against the results contract, every file its index lists present with its sha256, nothing it
 *   does not list. A day that fails is refused with how to repair it.
 *
 * Plain Node, no Vite: scripts/build.mjs runs it (every day whole, with hashes) before Astro
 * starts, and lib/results.ts runs it (each day whole only when it reads the day) for `astro build`
 * and `astro dev` run on their own. Problems come sorted by path, so the same record always
 * gives the same message.
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CityResults } from '@shoutu/core';
import { dayIn, LIMITS, Project } from '@shoutu/core';
import {
  checkDayFiles,
  entryKind,
  INDEX_FILE,
  readCityDay,
  SNAPSHOT_DAY,
  SnapshotError,
} from '@shoutu/core/snapshot';

/**
 * Used when there is no `project.json` next to the results folder (a results folder copied on its
 * own): UTC+14, where every calendar day begins first, so no day that has begun anywhere is refused.
 */
export const EARLIEST_ZONE = 'Etc/GMT-14';

/** What a day's damage is followed by: why it stops the build, and the command that repairs it. */
export function repairHint(day: string): string {
  return `the snapshot of ${day} is incomplete or damaged, so the site is not built from it; repair it with \`shoutu evaluate --recompute --date ${day}\``;
}

/** The day folder a file of a snapshot lies in (`<results>/<day>/<file>`), if it lies in one. */
export function dayOf(file: string): string | undefined {
  for (const name of [basename(dirname(file)), basename(file)])
    if (SNAPSHOT_DAY.test(name)) return name;
  return undefined;
}

/** The message of a snapshot that cannot be used: what is wrong, and how to repair its day. */
export function snapshotProblem(error: SnapshotError): string {
  const day = dayOf(error.file);
  return day ? `${error.message}: ${repairHint(day)}` : error.message;
}

/** Today in the project's time zone, and where the zone was read from. */
export interface Today {
  day: string;
  zone: string;
  /** The project file the zone came from, or undefined when there was none (`EARLIEST_ZONE`). */
  from?: string;
}

/**
 * Today in the time zone of the project whose results `dir` holds (`<dir>/../project.json`, as
 * `data/results` lies next to `data/project.json`). `now` is only for tests: the output never
 * depends on the clock, which only decides which days may be published at all.
 */
export function todayFor(dir: string, now: Date = new Date()): Today {
  const file = join(dirname(dir), 'project.json');
  if (!existsSync(file)) return { day: dayIn(EARLIEST_ZONE, now), zone: EARLIEST_ZONE };
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SnapshotError(file, `is not valid JSON (${(error as Error).message})`);
  }
  const parsed = Project.safeParse(value);
  if (!parsed.success)
    throw new SnapshotError(
      file,
      `expected the project's languages and time zone (${parsed.error.issues
        .map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`)
        .join('; ')}); run \`shoutu validate\` to see what to change`,
    );
  return { day: dayIn(parsed.data.timeZone, now), zone: parsed.data.timeZone, from: file };
}

/** What a walk of the results folder found. */
export interface RecordCheck {
  /** The days that may be published, oldest first (those with an index and no problem). */
  days: string[];
  /** Their city indexes, read and checked (only when the days were checked whole, `hashes`). */
  cities: Map<string, CityResults>;
  /** One line per entry refused, sorted by path; paths as `show` gives them. */
  problems: string[];
}

export interface RecordOptions {
  /**
   * Check every day whole: its index against the contract and every file against its sha256
   * (reads every file once). Without, a day needs only its index as a plain file; its files are
   * then checked whole when the day is read.
   */
  hashes: boolean;
  /** Today in the project's time zone (default: `todayFor(dir)`). */
  today?: Today;
  /** How a path is shown in a message (default: as it is). */
  show?: (path: string) => string;
}

/**
 * Walks the results folder `dir` without following links and checks every day folder in it. Never
 * throws for what it finds: each problem is a line that names the entry, says what was expected,
 * and how to repair it.
 */
export function checkRecord(dir: string, options: RecordOptions): RecordCheck {
  const show = options.show ?? ((p: string) => p);
  const found: { path: string; text: string }[] = [];
  const refuse = (path: string, text: string) => found.push({ path, text });
  const cities = new Map<string, CityResults>();
  if (!existsSync(dir)) return { days: [], cities, problems: [] };
  let today: Today;
  try {
    today = options.today ?? todayFor(dir);
  } catch (error) {
    if (!(error instanceof SnapshotError)) throw error;
    return { days: [], cities, problems: [`${show(error.file)}: ${error.problem}`] };
  }
  const dayFolders: string[] = [];
  // Iterative, bounded: no recursion a deep tree could drive.
  const stack: { path: string; depth: number }[] = [{ path: dir, depth: 0 }];
  while (stack.length > 0) {
    const { path, depth } = stack.pop() as { path: string; depth: number };
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const full = join(path, entry.name);
      if (entry.isSymbolicLink()) {
        refuse(
          full,
          'a symbolic link: expected a plain file or folder; links under the results folder are not followed, so nothing is published from it. Put the file or folder itself there, or remove the link',
        );
        continue;
      }
      if (entry.isDirectory()) {
        if (depth + 1 > LIMITS.folderDepth) {
          refuse(
            full,
            `a folder ${depth + 1} deep: expected at most ${LIMITS.folderDepth} levels of folders under the results folder; remove it`,
          );
          continue;
        }
        if (depth === 0 && SNAPSHOT_DAY.test(entry.name)) dayFolders.push(entry.name);
        stack.push({ path: full, depth: depth + 1 });
        continue;
      }
      if (!entry.isFile())
        refuse(
          full,
          `${entryKind(lstatSync(full))}: expected only plain files and folders under the results folder; remove it`,
        );
    }
  }
  const refused = new Set(found.map((f) => f.path));
  const days: string[] = [];
  for (const day of dayFolders.sort()) {
    const folder = join(dir, day);
    if (day > today.day) {
      refuse(
        folder,
        `a snapshot for ${day}, a day that has not begun (today is ${today.day} in ${today.zone}, ${today.from ? `the time zone of ${show(today.from)}` : 'the earliest time zone: there is no project.json next to the results'}): a day is published once it has begun, never ahead. Remove the folder; \`shoutu evaluate\` writes a day only once it has begun`,
      );
      continue;
    }
    // A day with a link or a FIFO in it is refused by that entry's problem already.
    if ([...refused].some((p) => p.startsWith(`${folder}/`))) continue;
    try {
      if (options.hashes) {
        const city = readCityDay(dir, day);
        checkDayFiles(dir, city);
        cities.set(day, city);
      } else if (!lstatSync(join(folder, INDEX_FILE), { throwIfNoEntry: false })?.isFile())
        throw new SnapshotError(join(folder, INDEX_FILE), 'the file does not exist');
      days.push(day);
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      refuse(error.file, `${error.problem}: ${repairHint(day)}`);
    }
  }
  const problems = found
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${show(f.path)}: ${f.text.split(`${dir}/`).join(`${show(dir)}/`)}`);
  return { days, cities, problems };
}

/** The whole-day checks are the record's own, in `@shoutu/core/snapshot`. */
export { checkDayFiles, checkSnapshotFile as checkFile } from '@shoutu/core/snapshot';
