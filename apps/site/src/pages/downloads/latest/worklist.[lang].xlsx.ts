import type { APIRoute, GetStaticPaths } from 'astro';
import { languages } from '../../../lib/locales';
import { getResults } from '../../../lib/results';
import { cityWorkList, workListResponse } from '../../../lib/worklist';

/** The whole city's work list of the latest day as .xlsx, in each of the project's languages. */
export const getStaticPaths = (() =>
  languages().map((lang) => ({ params: { lang } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const results = getResults();
  return workListResponse(cityWorkList(results, String(params.lang)), results.city.city.name);
};
