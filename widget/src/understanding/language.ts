/**
 * Language guess from the writing system, then, for Latin script, from the
 * commonest short words of each language. "und" (undetermined) when the
 * evidence is thin: a wrong guess would send the visitor the wrong help.
 */
const SCRIPTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\p{Script=Arabic}/u, 'ar'],
  [/\p{Script=Hebrew}/u, 'he'],
  [/\p{Script=Cyrillic}/u, 'ru'],
  [/\p{Script=Greek}/u, 'el'],
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'ja'],
  [/\p{Script=Hangul}/u, 'ko'],
  [/\p{Script=Han}/u, 'zh'],
  [/\p{Script=Thai}/u, 'th'],
  [/\p{Script=Devanagari}/u, 'hi'],
  [/\p{Script=Latin}/u, 'latin'],
];

/** Letters only some languages use, with how strongly they point there. */
const LETTER_HINTS: ReadonlyArray<readonly [RegExp, string, number]> = [
  [/[ñ¿¡]/u, 'es', 2],
  [/[ß]/u, 'de', 2],
  [/[äöü]/u, 'de', 0.6],
  [/[ãõ]/u, 'pt', 2],
  [/[çœ]|[èêëîïôûù]/u, 'fr', 0.8],
  [/[àò]/u, 'it', 0.5],
];

const COMMON_WORDS: Readonly<Record<string, string>> = {
  en: 'the and is are was my you your i it to of in for not have has with this that where what when how can please order thanks help me no do does did why hi hello hey',
  es: 'el la los las es está son mi mis tu que de en por para no con una un pedido dónde donde cuando cómo como gracias hola ayuda quiero tengo mi por favor',
  fr: 'le la les est sont mon ma mes vous votre je que de du des en pour pas avec une un commande où quand comment merci bonjour aide veux ai ne',
  de: 'der die das ist sind mein meine sie ihr ich und nicht mit ein eine bestellung wo wann wie danke hallo hilfe möchte habe bitte noch kein',
  it: 'il lo la gli le è sono mio mia che di per non con una un ordine dove quando come grazie ciao aiuto voglio ho ancora',
  pt: 'o a os as é são meu minha você que de do da em para não com uma um pedido onde quando como obrigado obrigada olá ajuda quero tenho ainda',
  nl: 'de het een is zijn mijn jij je ik en niet met bestelling waar wanneer hoe bedankt hallo hulp wil heb nog geen',
};

const WORD_LANGUAGES = new Map<string, string[]>();
for (const [language, words] of Object.entries(COMMON_WORDS)) {
  for (const word of words.split(' ')) WORD_LANGUAGES.set(word, [...(WORD_LANGUAGES.get(word) ?? []), language]);
}

const LETTER = /\p{L}/u;
/** Emails, links and codes are in no language: "ali@example.com" would make Arabic read as Portuguese ("com"). */
const NOT_PROSE = /@|:\/\/|^www\.|\d/i;
const WORD = /\p{L}+/gu;

/** BCP 47 primary subtag, e.g. "en", "ar", or "und". */
export function guessLanguage(text: string): string {
  const prose = text
    .split(/\s+/)
    .filter((word) => !NOT_PROSE.test(word))
    .join(' ');
  const counts = new Map<string, number>();
  let letters = 0;
  for (const ch of prose) {
    const code = ch.charCodeAt(0);
    // ASCII needs no Unicode lookups: most messages are mostly ASCII.
    const ascii = code < 128;
    if (ascii ? !((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) : !LETTER.test(ch)) continue;
    letters++;
    const script = ascii ? 'latin' : (SCRIPTS.find(([re]) => re.test(ch))?.[1] ?? 'other');
    counts.set(script, (counts.get(script) ?? 0) + 1);
  }
  if (letters < 2) return 'und';
  // Kana anywhere means Japanese, even when Han characters outnumber it.
  if ((counts.get('ja') ?? 0) > 0 && (counts.get('zh') ?? 0) + (counts.get('ja') ?? 0) >= letters * 0.5) return 'ja';
  const [script, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  if (n < letters * 0.5 || script === 'other') return 'und';
  if (script === 'ar' && /[پچژگ]/u.test(prose)) return 'fa';
  if (script === 'ru' && /[іїєґ]/iu.test(prose)) return 'uk';
  if (script !== 'latin') return script;
  return latinLanguage(prose.toLowerCase());
}

function latinLanguage(text: string): string {
  const scores = new Map<string, number>();
  const words = text.match(WORD) ?? [];
  for (const word of words) {
    const languages = WORD_LANGUAGES.get(word);
    if (!languages) continue;
    for (const language of languages) scores.set(language, (scores.get(language) ?? 0) + 1 / languages.length);
  }
  for (const [re, language, weight] of LETTER_HINTS) if (re.test(text)) scores.set(language, (scores.get(language) ?? 0) + weight);
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  if (!best || best[1] < 1) return 'und';
  if (second && best[1] - second[1] < 0.5) return 'und';
  return best[0];
}
