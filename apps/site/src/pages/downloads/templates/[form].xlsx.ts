import { templateXlsx } from '@shoutu/cli';
import type { FormInfo } from '@shoutu/core';
import type { APIRoute, GetStaticPaths } from 'astro';
import { getForms, measurementUnits } from '../../../lib/forms';
import { languages } from '../../../lib/locales';

/**
 * A blank report as an Excel workbook (as `shoutu templates` writes it): field ids and labels in
 * every language, data validation, a locked header and an instructions sheet.
 */
export const getStaticPaths = (() =>
  getForms().map((f) => ({
    params: { form: f.form.id },
    props: { form: f.form },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute<{ form: FormInfo }> = async ({ props }) =>
  new Response(
    await templateXlsx(props.form, {
      languages: languages(),
      measurementUnits: measurementUnits(),
    }),
    {
      headers: {
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    },
  );
