/**
 * The pages of every language from one set of page files (`src/pages/[...lang]/…`): the default
 * language at `/…` (`lang` undefined), the others at `/<lang>/…`, as Astro's i18n routing with
 * `prefixDefaultLocale: false` expects. Links to them come from `getRelativeLocaleUrl` (lib/url.ts).
 */
import type { Locale } from '../i18n';
import { defaultLanguage, languages } from './locales';

interface PagePath {
  params: Record<string, string | undefined>;
  props?: Record<string, unknown>;
}

/**
 * Every path of `paths` in every language of the project; each page gets its language as the
 * `locale` prop. Without `paths`, the one page of a route without parameters.
 */
export function localePaths<P extends PagePath>(
  paths: readonly P[] = [{ params: {} } as P],
): {
  params: P['params'] & { lang: string | undefined };
  props: (P['props'] extends object ? P['props'] : Record<never, never>) & { locale: Locale };
}[] {
  return languages().flatMap((locale) =>
    paths.map((path) => ({
      params: { ...path.params, lang: locale === defaultLanguage() ? undefined : locale },
      props: { ...(path.props ?? {}), locale } as (P['props'] extends object
        ? P['props']
        : Record<never, never>) & { locale: Locale },
    })),
  );
}
