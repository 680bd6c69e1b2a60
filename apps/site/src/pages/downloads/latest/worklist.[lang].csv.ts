import type { APIRoute, GetStaticPaths } from 'astro';
import { csvResponse } from '../../../lib/csv';
import { languages } from '../../../lib/locales';
import { getResults } from '../../../lib/results';
import { cityWorkList, workListCsv } from '../../../lib/worklist';

/** The whole city's work list of the latest day, in each of the project's languages. */
export const getStaticPaths = (() =>
  languages().map((lang) => ({ params: { lang } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  csvResponse(workListCsv(cityWorkList(getResults(), String(params.lang))));
