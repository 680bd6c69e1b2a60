import type { APIRoute, GetStaticPaths } from 'astro';
import { languages } from '../../../../../lib/locales';
import { getDistrict, getResults } from '../../../../../lib/results';
import { districtWorkList, workListResponse } from '../../../../../lib/worklist';

/** A district's work list of the latest day as .xlsx, in each of the project's languages. */
export const getStaticPaths = (() =>
  getResults().city.districts.flatMap((d) =>
    languages().map((lang) => ({ params: { code: d.code, lang } })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const district = getDistrict(String(params.code));
  return workListResponse(
    districtWorkList(getResults(), district, String(params.lang)),
    district.district.name,
  );
};
