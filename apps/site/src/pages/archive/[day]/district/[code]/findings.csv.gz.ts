import type { APIRoute, GetStaticPaths } from 'astro';
import { districtDayPaths, getArchiveDay, getArchiveDistrict } from '../../../../../lib/archive';
import { gzipResponse } from '../../../../../lib/csv';
import { downloads } from '../../../../../lib/downloads';

export const getStaticPaths = (() => districtDayPaths()) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const day = String(params.day);
  // Kept for every day: gzip makes it a seventh of the bytes (issue 10: a year under 1 GB).
  return gzipResponse(
    downloads.findingsCsv(getArchiveDay(day), getArchiveDistrict(day, String(params.code))),
  );
};
