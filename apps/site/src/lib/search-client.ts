/**
 * The search page's script (runs in the browser): loads Pagefind's JS API from the site's bundle
 * and lists the units matching what is typed, as links with their level and the unit above. Every
 * text from the index goes in through textContent: nothing from the data is read as markup.
 */

interface PagefindResult {
  data(): Promise<{ url: string; meta: Record<string, string | undefined> }>;
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(q: string): Promise<{ results: PagefindResult[] } | null>;
}

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

export function runSearch(): void {
  const form = document.querySelector<HTMLFormElement>('form.search-page');
  const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
  const status = document.getElementById('search-status');
  const list = document.getElementById('search-results');
  if (!form || !input || !status || !list) return;
  const d = form.dataset;
  const shown = Number(d.shown ?? '20');
  let pagefind: Promise<Pagefind> | undefined;
  const load = () => {
    pagefind ??= (async () => {
      const api = (await import(/* @vite-ignore */ d.script as string)) as Pagefind;
      await api.init();
      return api;
    })();
    return pagefind;
  };
  let latest = 0;
  const run = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    const url = new URL(window.location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    window.history.replaceState(null, '', url);
    if (!query) {
      status.textContent = '';
      list.replaceChildren();
      return;
    }
    status.textContent = d.loading ?? '';
    let found: PagefindResult[];
    try {
      found = (await (await load()).search(query))?.results ?? [];
    } catch {
      pagefind = undefined;
      if (ticket === latest) status.textContent = d.failed ?? '';
      return;
    }
    const data = await Promise.all(found.slice(0, shown).map((r) => r.data()));
    if (ticket !== latest) return;
    status.textContent =
      found.length === 0
        ? fill(d.none ?? '', { query })
        : `${fill(d.count ?? '', { query, n: String(found.length) })}${found.length > shown ? ` ${d.more ?? ''}` : ''}`;
    list.replaceChildren(
      ...data.map((r) => {
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = r.url;
        a.textContent = r.meta.title ?? r.url;
        const code = document.createElement('span');
        code.className = 'ml-2 text-sm text-slate-600';
        code.textContent = r.meta.code ?? '';
        const where = document.createElement('span');
        where.className = 'block text-sm text-slate-700';
        where.textContent = [
          r.meta.level,
          r.meta.parent ? fill(d.within ?? '', { parent: r.meta.parent }) : '',
        ]
          .filter(Boolean)
          .join(' · ');
        li.append(a, code, where);
        return li;
      }),
    );
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    clearTimeout(timer);
    void run();
  });
  const q = new URL(window.location.href).searchParams.get('q');
  if (q) {
    input.value = q;
    void run();
  }
}
