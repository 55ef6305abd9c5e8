/** The languages with a catalogue besides English, each its own chunk. */
export const translatedLanguages = ['es', 'fr', 'de', 'ar'] as const;
export type TranslatedLanguage = (typeof translatedLanguages)[number];

const warned = new Set<string>();

/**
 * The first usable BCP 47 locale among the candidates (the `locale` setting,
 * the page's `lang`, the browser's language), else `en`. A malformed one is
 * skipped with a warning, once: `Intl` would throw on it.
 */
export function usableLocale(candidates: readonly (string | null | undefined)[]): string {
  for (const candidate of candidates) {
    // `fr_CA` is a common spelling of `fr-CA`; Intl accepts only the hyphen.
    const locale = candidate?.trim().replace(/_/g, '-');
    if (!locale) continue;
    try {
      return Intl.getCanonicalLocales(locale)[0]!;
    } catch {
      if (!warned.has(locale)) console.warn(`support-widget: "${locale}" is not a BCP 47 locale (like "fr" or "fr-CA"); it is ignored`);
      warned.add(locale);
    }
  }
  return 'en';
}

/** The catalogue a locale reads from: its primary language when one ships (fr-CA → fr), else English. */
export function catalogueLanguage(locale: string): TranslatedLanguage | 'en' {
  const language = locale.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (translatedLanguages as readonly string[]).includes(language) ? (language as TranslatedLanguage) : 'en';
}
