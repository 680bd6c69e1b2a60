import { templateCsv } from '@shoutu/cli';
import type { APIRoute, GetStaticPaths } from 'astro';
import { csvResponse } from '../../../lib/csv';
import { getForms } from '../../../lib/forms';

/** A blank report: the header row a unit fills in, and nothing else (as `shoutu templates` writes it). */
export const getStaticPaths = (() =>
  getForms().map((f) => ({
    params: { form: f.form.id },
    props: { body: templateCsv(f.form) },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ body: string }> = ({ props }) => csvResponse(props.body);
