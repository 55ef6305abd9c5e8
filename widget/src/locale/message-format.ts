/** Values for a text's placeholders; numbers are written the locale's way. */
export type TextValues = Record<string, string | number>;

const BRANCH = String.raw`(=\d+|zero|one|two|few|many|other)\s*\{((?:[^{}]|\{\w+\})*)\}`;
const PLURAL = new RegExp(String.raw`\{(\w+), plural,((?:\s*${BRANCH})+)\s*\}`, 'g');
const PLACEHOLDER = /\{(\w+)\}/g;

const plurals = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();

function cached<T>(cache: Map<string, T>, locale: string, make: () => T): T {
  let value = cache.get(locale);
  if (!value) cache.set(locale, (value = make()));
  return value;
}

/**
 * Fills a catalogue text: `{name}` takes a value, and
 * `{n, plural, =1 {…} one {…} other {…}}` picks the form the locale's plural
 * rules call for (an exact `=n` first), with `#` as the number. A placeholder
 * without a value stays as written, so a missing value shows rather than vanishes.
 */
export function formatText(template: string, locale: string, values: TextValues = {}): string {
  const number = (n: number) => cached(numbers, locale, () => new Intl.NumberFormat(locale)).format(n);
  const withForms = template.replace(PLURAL, (whole, name: string, branches: string) => {
    if (!(name in values)) return whole;
    const n = Number(values[name]);
    const forms = new Map([...branches.matchAll(new RegExp(BRANCH, 'g'))].map((m) => [m[1]!, m[2]!]));
    const form = forms.get(`=${n}`) ?? forms.get(cached(plurals, locale, () => new Intl.PluralRules(locale)).select(n)) ?? forms.get('other') ?? '';
    return form.replace(/#/g, number(n));
  });
  return withForms.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : typeof value === 'number' ? number(value) : value;
  });
}

/** The names a text expects values for (simple and plural placeholders), sorted: catalogues must agree on them. */
export function placeholdersOf(template: string): string[] {
  const names = new Set<string>();
  for (const m of template.matchAll(PLURAL)) names.add(m[1]!);
  for (const m of template.matchAll(PLACEHOLDER)) names.add(m[1]!);
  return [...names].sort();
}
