import type { APIRoute, GetStaticPaths } from 'astro';
import { csvResponse, toCsv } from '../../../lib/csv';
import { getForms } from '../../../lib/forms';

/** A blank report: the header row a unit fills in, and nothing else. */
export const getStaticPaths = (() =>
  getForms().map((f) => ({
    params: { form: f.form.id },
    props: { columns: f.columns },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ columns: string[] }> = ({ props }) =>
  csvResponse(toCsv(props.columns, []));
