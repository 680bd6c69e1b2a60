import type { APIRoute } from 'astro';
import { jsonResponse } from '../lib/csv';
import { searchRecords } from '../lib/search';

/** The records of the search index: read and deleted by scripts/build.mjs, never published. */
export const GET: APIRoute = () => jsonResponse(searchRecords());
