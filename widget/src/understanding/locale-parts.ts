/**
 * Language and region of a BCP 47 tag ("en-GB" -> en, GB; "en_au" -> en, AU;
 * "zh-Hant-TW" -> zh, TW). Missing parts are empty strings.
 */
export function localeParts(locale: string | undefined): { language: string; region: string } {
  const parts = (locale ?? '').replace(/_/g, '-').split('-');
  const language = (parts[0] ?? '').toLowerCase();
  const region = parts.slice(1).find((p) => /^(?:[A-Za-z]{2}|\d{3})$/.test(p))?.toUpperCase() ?? '';
  return { language, region };
}
