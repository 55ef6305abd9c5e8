import type { TranslatedLanguage } from './locale-choice.js';

/**
 * The launcher's label in every shipped language (`launcher.open`). It is in
 * the first script a page loads, so the launcher is labelled in the visitor's
 * language before anything else arrives; each catalogue takes its entry from
 * here. (Its unread count is only ever shown once the panel has loaded, so
 * that text lives with the panel's.)
 */
export const launcherLabel: Record<'en' | TranslatedLanguage, string> = {
  en: 'Open support chat',
  es: 'Abrir el chat de ayuda',
  fr: 'Ouvrir le chat d’assistance',
  de: 'Support-Chat öffnen',
  ar: 'فتح محادثة الدعم',
};
