import type { APIRoute, GetStaticPaths } from 'astro';
import { districtDayPaths, getArchiveDay, getArchiveDistrict } from '../../../../../lib/archive';
import { downloads } from '../../../../../lib/downloads';

export const getStaticPaths = (() => districtDayPaths()) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const day = String(params.day);
  return downloads.unitsCsv(getArchiveDay(day), getArchiveDistrict(day, String(params.code)));
};
