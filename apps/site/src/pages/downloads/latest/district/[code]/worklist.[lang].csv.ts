import type { APIRoute, GetStaticPaths } from 'astro';
import { csvResponse } from '../../../../../lib/csv';
import { languages } from '../../../../../lib/locales';
import { getDistrict, getResults } from '../../../../../lib/results';
import { districtWorkList, workListCsv } from '../../../../../lib/worklist';

/** A district's work list of the latest day, in each of the project's languages. */
export const getStaticPaths = (() =>
  getResults().city.districts.flatMap((d) =>
    languages().map((lang) => ({ params: { code: d.code, lang } })),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  csvResponse(
    workListCsv(
      districtWorkList(getResults(), getDistrict(String(params.code)), String(params.lang)),
    ),
  );
