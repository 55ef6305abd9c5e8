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
  en: 'the a an and or but is are was were be been being am my me mine you your yours i it its to of in on at for from by with about as not no yes have has had do does did will would can could should may might must this that these those there here where what when why how who which please thanks thank cheers order orders parcel package delivery delivered refund return still again already just only very really so too all any some much many more most another never ever always yet now today tomorrow yesterday hi hello hey great good bad lovely brilliant terrible awful useless anyone someone nobody nothing something everything get got give gave want need help sorted lost late delay week weeks day days month time times service customer item items card account money paid pay charged arrived sent received shop online still through come came going gone told said asked well right sure thing stuff update reply message email phone number they them their we us our he she his her if then than also because since after before until while out up down off over under into again',
  es: 'el la los las un una unos unas es está están son soy estoy mi mis tu tus su sus que de del en por para no sí con sin pero y o pedido dónde donde cuándo cuando cómo como qué gracias hola ayuda quiero tengo tiene hace muy más ya todavía aún nada nadie semana días ayer hoy mañana llegado llegó paquete dinero reembolso persona hablar favor esto eso este esta',
  fr: 'le la les un une des est sont suis mon ma mes ton ta tes son sa ses vous votre vos je tu il elle nous ils que qui de du en pour pas avec sans mais et ou commande où quand comment merci bonjour aide veux ai avons ne rien personne toujours encore déjà semaine jours hier aujourd demain reçu colis argent remboursement parler très plus ce cette ces',
  de: 'der die das den dem des ein eine einen ist sind bin mein meine meinen sie ihr ihre ich du er wir und oder aber nicht kein keine mit ohne für von zu auf bei bestellung wo wann wie was danke hallo hilfe möchte habe hat noch schon immer nichts niemand woche tage gestern heute morgen paket geld erstattung sprechen sehr mehr bitte',
  it: 'il lo la i gli le un una uno è sono mio mia miei tuo tua suo sua che di del della per non con senza ma e o ordine dove quando come cosa grazie ciao aiuto voglio ho abbiamo ancora già niente nessuno settimana giorni ieri oggi domani pacco soldi rimborso parlare molto più questo questa',
  pt: 'o a os as um uma é são sou estou meu minha meus você seu sua que de do da dos das em no na para não com sem mas e ou pedido onde quando como obrigado obrigada olá ajuda quero tenho ainda já nada ninguém semana dias ontem hoje amanhã chegou encomenda dinheiro reembolso falar muito mais isso este esta',
  nl: 'de het een is zijn ben mijn jij je jouw uw ik hij wij en of maar niet geen met zonder voor van naar op bij bestelling waar wanneer hoe wat bedankt dank hallo hulp wil heb heeft nog al niets niemand week dagen gisteren vandaag morgen pakket geld terugbetaling spreken zeer meer graag',
};

const WORD_LANGUAGES = new Map<string, string[]>();
for (const [language, words] of Object.entries(COMMON_WORDS)) {
  for (const word of words.split(' ')) WORD_LANGUAGES.set(word, [...(WORD_LANGUAGES.get(word) ?? []), language]);
}

const LETTER = /\p{L}/u;
/** Emails, links and codes are in no language: "ali@example.com" would make Arabic read as Portuguese ("com"). */
const NOT_PROSE = /@|:\/\/|^www\.|\d/i;
const WORD = /\p{L}+/gu;

/**
 * BCP 47 primary subtag, e.g. "en", "ar", or "und".
 *
 * @example
 * guessLanguage('¿Dónde está mi pedido?') // => "es"
 */
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
  // Close calls stay undetermined; a clear lead of a third is enough for short messages.
  if (second && best[1] - second[1] < Math.max(0.5, best[1] / 3)) return 'und';
  return best[0];
}
