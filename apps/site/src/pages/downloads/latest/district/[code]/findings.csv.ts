import type { APIRoute, GetStaticPaths } from 'astro';
import { downloads } from '../../../../../lib/downloads';
import { getDistrict, getResults } from '../../../../../lib/results';

export const getStaticPaths = (() =>
  getResults().city.districts.map((d) => ({ params: { code: d.code } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
  downloads.findingsCsv(getResults(), getDistrict(String(params.code)));
