import type { UiText } from './en.js';
import type { TranslatedLanguage } from './locale-choice.js';

/** A language's catalogue: each is its own chunk, fetched only for a visitor whose locale picks it. */
export function loadTranslation(language: TranslatedLanguage): Promise<UiText> {
  switch (language) {
    case 'es':
      return import('./es.js').then((m) => m.es);
    case 'fr':
      return import('./fr.js').then((m) => m.fr);
    case 'de':
      return import('./de.js').then((m) => m.de);
    case 'ar':
      return import('./ar.js').then((m) => m.ar);
  }
}
