import type { APIRoute, GetStaticPaths } from 'astro';
import { dayPaths, getArchiveDay } from '../../../lib/archive';
import { downloads } from '../../../lib/downloads';

export const getStaticPaths = (() => dayPaths()) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => downloads.cityCsv(getArchiveDay(String(params.day)));
