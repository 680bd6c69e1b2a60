import type { APIRoute, GetStaticPaths } from 'astro';
import { districtDayPaths, getArchiveDay, getArchiveDistrict } from '../../../../../lib/archive';
import { languages } from '../../../../../lib/locales';
import { districtWorkList, workListResponse } from '../../../../../lib/worklist';

/**
 * A district's work list of a past day as .xlsx, in each language: rendered once with the day's
 * other files and kept in the archive cache (scripts/build.mjs).
 */
export const getStaticPaths = (() =>
  districtDayPaths().flatMap((p) =>
    languages().map((lang) => ({ ...p, params: { ...p.params, lang } })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const day = String(params.day);
  const district = getArchiveDistrict(day, String(params.code));
  return workListResponse(
    districtWorkList(getArchiveDay(day), district, String(params.lang)),
    district.district.name,
  );
};
