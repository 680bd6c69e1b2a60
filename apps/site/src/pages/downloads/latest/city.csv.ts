import type { APIRoute } from 'astro';
import { downloads } from '../../../lib/downloads';
import { getResults } from '../../../lib/results';

export const GET: APIRoute = () => downloads.cityCsv(getResults());
