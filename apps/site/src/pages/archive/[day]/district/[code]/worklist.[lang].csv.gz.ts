import type { APIRoute, GetStaticPaths } from 'astro';
import { districtDayPaths, getArchiveDay, getArchiveDistrict } from '../../../../../lib/archive';
import { csvResponse, gzipResponse } from '../../../../../lib/csv';
import { languages } from '../../../../../lib/locales';
import { districtWorkList, workListCsv } from '../../../../../lib/worklist';

/**
 * A district's work list of a past day, in each language, as gzipped CSV (as the day's other CSV
 * files): rendered once and kept in the archive cache (scripts/build.mjs). Not as .xlsx: at scale
 * 30 that is 80 KB a district, language and day, half a gigabyte a year; gzipped CSV is a tenth.
 */
export const getStaticPaths = (() =>
  districtDayPaths().flatMap((p) =>
    languages().map((lang) => ({ ...p, params: { ...p.params, lang } })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const day = String(params.day);
  const district = getArchiveDistrict(day, String(params.code));
  return gzipResponse(
    csvResponse(workListCsv(districtWorkList(getArchiveDay(day), district, String(params.lang)))),
  );
};
