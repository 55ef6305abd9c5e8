import { expect } from 'chai';
import { $, messageTexts, mountWidget, uniqueSite, unmountAll, waitFor } from './widget-fixtures.js';
import { configure, SupportWidget } from '../src/embed.js';

const launcher = (widget: SupportWidget) => $(widget, 'button[part="launcher"]');
const text = (widget: SupportWidget, selector: string) => $(widget, selector).textContent!.trim();

/** Mounts a widget in `locale`, checks its launcher's label, opens it, and checks the panel's language and direction. */
async function openIn(locale: string, expected: { label: string; lang: string; dir: 'ltr' | 'rtl' }): Promise<SupportWidget> {
  const widget = await mountWidget(uniqueSite(), { locale });
  expect(launcher(widget).getAttribute('aria-label')).to.equal(expected.label);
  await widget.open();
  const panel = $(widget, '[role="dialog"]');
  expect([panel.getAttribute('lang'), panel.getAttribute('dir')]).to.deep.equal([expected.lang, expected.dir]);
  return widget;
}

afterEach(unmountAll);

describe('<support-widget> in the visitor’s language', () => {
  it('speaks French for locale "fr": launcher, header, composer and its own notices', async () => {
    const widget = await openIn('fr', { label: 'Ouvrir le chat d’assistance', lang: 'fr', dir: 'ltr' });
    expect(text(widget, '#support-widget-title')).to.equal('Assistance');
    expect(text(widget, 'button[part="forget"]')).to.equal('Oublier cette conversation');
    expect($(widget, 'button[part="close"]').getAttribute('aria-label')).to.equal('Fermer le chat d’assistance');
    expect(text(widget, 'label[for="support-widget-input"]')).to.equal('Message');
    expect($(widget, 'textarea').getAttribute('placeholder')).to.equal('Écrivez un message…');
    expect(text(widget, 'button[part="send"]')).to.equal('Envoyer');
    expect(text(widget, 'button[part="person"]')).to.equal('Parler à une personne');
    expect($(widget, '[role="log"]').getAttribute('aria-label')).to.equal('Conversation');
    expect(text(widget, '.greeting .bubble')).to.match(/^Bonjour/);

    // No live chat on this page: the notice the panel writes itself is French too.
    await widget.escalate();
    await waitFor(() => messageTexts(widget).length === 1, 'the notice');
    expect(messageTexts(widget)[0]).to.match(/^Vous avez demandé à parler à une personne/);
  });

  it('speaks Arabic, right to left, for locale "ar-EG"', async () => {
    const widget = await openIn('ar-EG', { label: 'فتح محادثة الدعم', lang: 'ar-EG', dir: 'rtl' });
    expect(text(widget, '#support-widget-title')).to.equal('الدعم');
    expect(text(widget, 'button[part="send"]')).to.equal('إرسال');
    expect(text(widget, 'button[part="person"]')).to.equal('التحدث مع موظف');
    expect($(widget, 'textarea').getAttribute('placeholder')).to.equal('اكتب رسالة…');
    // Laid out right to left: the send button sits left of the person button.
    expect($(widget, 'button[part="send"]').getBoundingClientRect().left).to.be.below($(widget, 'button[part="person"]').getBoundingClientRect().left);
  });

  for (const [page, locale] of [['ltr', 'ar'], ['rtl', 'en']] as const) {
    it(`opens a ${locale} panel on a ${page} page inside the window, from the launcher's corner`, async () => {
      document.documentElement.dir = page;
      try {
        const widget = await mountWidget(uniqueSite(), { locale });
        const corner = launcher(widget).getBoundingClientRect();
        await widget.open();
        const panel = $(widget, '[role="dialog"]').getBoundingClientRect();
        expect(panel.left, 'left edge').to.be.at.least(0);
        expect(panel.right, 'right edge').to.be.at.most(innerWidth);
        // The launcher's side of the window: right on a left-to-right page, left on a right-to-left one.
        if (page === 'ltr') expect(Math.abs(panel.right - corner.right)).to.be.below(2);
        else expect(Math.abs(panel.left - corner.left)).to.be.below(2);
      } finally {
        document.documentElement.removeAttribute('dir');
      }
    });
  }

  it('takes the site’s own wording over the catalogue, warns about an id it does not know, and keeps the rest', async () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
    try {
      const widget = await mountWidget(uniqueSite(), {
        locale: 'fr-CA',
        text: { 'panel.title': 'Aide Acme', 'launcher.open': 'Écrire à Acme', 'panel.sendd': 'Go' } as Record<string, string>,
      });
      expect(launcher(widget).getAttribute('aria-label')).to.equal('Écrire à Acme');
      await widget.open();
      expect(text(widget, '#support-widget-title')).to.equal('Aide Acme');
      expect(text(widget, 'button[part="send"]')).to.equal('Envoyer');
      expect(warnings.some((w) => w.includes('"panel.sendd" is not a text id'))).to.equal(true);

      // A later configure() adds to the overrides.
      widget.configure({ text: { 'panel.send': 'Expédier' } });
      await waitFor(() => text(widget, 'button[part="send"]') === 'Expédier', 'the second override');
      expect(text(widget, '#support-widget-title')).to.equal('Aide Acme');
    } finally {
      console.warn = warn;
    }
  });

  it('adds up page-wide configure({ text }) calls for widgets added later', async () => {
    const before = SupportWidget.defaults;
    try {
      configure({ locale: 'es', text: { 'panel.title': 'Ayuda de Acme' } });
      configure({ text: { 'panel.send': 'Mandar' } });
      const widget = await mountWidget(uniqueSite());
      await widget.open();
      expect([text(widget, '#support-widget-title'), text(widget, 'button[part="send"]'), text(widget, 'button[part="person"]')]).to.deep.equal([
        'Ayuda de Acme',
        'Mandar',
        'Hablar con una persona',
      ]);
    } finally {
      SupportWidget.defaults = before;
    }
  });

  it('follows a change of locale while open, and falls back to English for a language it does not ship', async () => {
    const widget = await mountWidget(uniqueSite(), { locale: 'de-AT' });
    await widget.open();
    expect(text(widget, 'button[part="send"]')).to.equal('Senden');
    widget.locale = 'es-MX';
    await waitFor(() => text(widget, 'button[part="send"]') === 'Enviar', 'the Spanish text');
    expect(launcher(widget).getAttribute('aria-label')).to.equal('Abrir el chat de ayuda');
    widget.locale = 'ja';
    await waitFor(() => text(widget, 'button[part="send"]') === 'Send', 'English for Japanese');
    expect($(widget, '[role="dialog"]').getAttribute('lang')).to.equal('ja');
  });

  it('defaults to English', async () => {
    const widget = await mountWidget(uniqueSite());
    expect(launcher(widget).getAttribute('aria-label')).to.equal('Open support chat');
    await widget.open();
    expect(text(widget, 'button[part="person"]')).to.equal('Talk to a person');
  });

  it('shows the live handoff (status line, callback form) in French, through a real relay', async function () {
    this.timeout(30_000);
    const relay = (window as unknown as { __TEST_ENV__: { relayUrl: string } }).__TEST_ENV__.relayUrl;
    // The test relay binds this page's origin to the demo site.
    const widget = await mountWidget('demo', { relay, locale: 'fr', offline: false });
    await widget.open();
    await widget.escalate();
    const shadowText = (selector: string) => widget.shadowRoot!.querySelector(selector)?.shadowRoot?.textContent?.replace(/\s+/g, ' ') ?? '';
    await waitFor(() => shadowText('handoff-status').includes('Personne de l’équipe n’est en ligne'), 'the French status line', 20_000);
    await waitFor(() => shadowText('handoff-callback-form').includes('Me contacter par'), 'the French callback form');
    expect(shadowText('handoff-callback-form')).to.contain('Demander à être recontacté');
  });
});
