import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { AnswerEngine, type AnswerEvent } from '../src/answers/answer-engine.js';
import { quickRepliesFor } from '../src/answers/quick-replies.js';
import { SnapshotKnowledgeSource } from '../src/answers/snapshot-knowledge.js';
import { describeHandoff, formatWait } from '../src/handoff/handoff-status.js';
import { ar } from '../src/locale/ar.js';
import { de } from '../src/locale/de.js';
import { en, type UiText } from '../src/locale/en.js';
import { es } from '../src/locale/es.js';
import { fr } from '../src/locale/fr.js';
import { catalogueLanguage, usableLocale } from '../src/locale/locale-choice.js';
import { answerText } from '../src/locale/answer-text.js';
import { handoffText } from '../src/locale/handoff-text.js';
import { launcherLabel } from '../src/locale/launcher-text.js';
import { panelText } from '../src/locale/panel-text.js';
import { formatText, placeholdersOf } from '../src/locale/message-format.js';
import { checkedOverrides, sayFor, type TextSource } from '../src/locale/ui-text.js';
import { readFrustration } from '../src/understanding/frustration.js';
import { FIXTURE_SNAPSHOT, understand, visitorMessage } from './answers-fixtures.js';

const translations = { es, fr, de, ar } satisfies Record<string, UiText>;

/** Collects console.warn calls while a test runs. */
let warnings: string[] = [];
const warn = console.warn;
beforeEach(() => {
  warnings = [];
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
});
afterEach(() => {
  console.warn = warn;
});

describe('locale choice', () => {
  it('reads the catalogue of the primary language, else English', () => {
    const cases = { fr: 'fr', 'fr-CA': 'fr', FR: 'fr', 'es-419': 'es', de_AT: 'de', 'ar-EG': 'ar', en: 'en', 'en-GB': 'en', ja: 'en', 'pt-BR': 'en', '': 'en' };
    for (const [locale, language] of Object.entries(cases)) assert.equal(catalogueLanguage(locale), language, locale);
  });

  it('takes the first well-formed locale, canonical, and warns once about a malformed one', () => {
    assert.equal(usableLocale(['', undefined, 'FR-ca']), 'fr-CA');
    assert.equal(usableLocale([null, 'de-AT', 'fr']), 'de-AT');
    assert.equal(usableLocale(['ar_EG']), 'ar-EG');
    assert.equal(usableLocale([]), 'en');
    assert.equal(usableLocale(['not a locale!', 'de']), 'de');
    assert.equal(usableLocale(['not a locale!', 'de']), 'de');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /"not a locale!" is not a BCP 47 locale/);
  });
});

describe('text overrides', () => {
  it('keeps a concern’s own ids with string values, names each bad entry, and leaves other concerns’ ids to them', () => {
    const checked = checkedOverrides(
      { 'panel.send': 'Go', 'panel.sned': 'Go', 'panel.title': 42, 'handoff.starting': 'One moment…', 'pannel.send': 'Go' },
      panelText,
    );
    assert.deepEqual(checked.text, { 'panel.send': 'Go' });
    assert.deepEqual(checked.problems, ['"panel.sned" is not a text id', '"panel.title" must be a string, got number', '"pannel.send" is not a text id']);
    assert.deepEqual(checkedOverrides({ 'handoff.starting': 'One moment…' }, handoffText), { text: { 'handoff.starting': 'One moment…' }, problems: [] });
  });

  it('layers the site over the translation over English, and follows a change of locale', () => {
    const source: { -readonly [K in keyof TextSource]: TextSource[K] } = {
      resolvedLocale: 'fr-CA',
      translation: fr,
      text: { 'panel.send': 'Expédier', 'launcher.unread': '{count, plural, one {# mot} other {# mots}}', 'no.such.id': 'x' },
    };
    const say = sayFor(source, { 'launcher.open': launcherLabel.en, ...panelText });
    assert.equal(say('panel.send'), 'Expédier');
    assert.equal(say('panel.title'), 'Assistance');
    assert.equal(say('launcher.unread', { count: 2 }), '2 mots');
    say('panel.log');
    assert.deepEqual(warnings, ['support-widget: text override ignored: "no.such.id" is not a text id (see Languages in the README)']);

    source.resolvedLocale = 'de';
    source.translation = de;
    assert.equal(say('panel.send'), 'Expédier');
    assert.equal(say('panel.person'), 'Mit einem Menschen sprechen');
    source.resolvedLocale = 'ja';
    source.translation = undefined;
    assert.equal(say('panel.person'), 'Talk to a person');
    sayFor(source, handoffText)('handoff.starting');
    assert.equal(warnings.length, 1, 'a problem is reported once, whichever concerns check the overrides');
  });
});

describe('catalogues', () => {
  for (const [language, catalogue] of Object.entries(translations)) {
    it(`${language} has exactly the ids of English, each with the same placeholders`, () => {
      assert.deepEqual(Object.keys(catalogue).sort(), Object.keys(en).sort());
      for (const [id, text] of Object.entries(en)) {
        const translated = catalogue[id as keyof UiText];
        assert.ok(translated.trim(), `${language} ${id} is empty`);
        assert.deepEqual(placeholdersOf(translated), placeholdersOf(text), `${language} ${id}`);
        assert.equal(translated.includes('#'), text.includes('#'), `${language} ${id} shows the number where English does`);
      }
    });

    it(`${language}: "Talk to a person" in its words is heard as asking for a person`, () => {
      for (const id of ['panel.person', 'reply.person'] as const) {
        const { signals } = readFrustration({ text: catalogue[id], sentiment: 0, previous: [] });
        assert.ok(signals.some((s) => s.kind === 'human-request'), `${language} ${id}: ${catalogue[id]}`);
      }
    });
  }

  it('the same button and quick reply say the same in every language', () => {
    for (const catalogue of [en, ...Object.values(translations)]) assert.equal(catalogue['panel.person'], catalogue['reply.person']);
  });
});

describe('formatText', () => {
  it('fills placeholders and leaves an unfilled one visible', () => {
    assert.equal(formatText('{agent} joined the chat.', 'en', { agent: 'Maya' }), 'Maya joined the chat.');
    assert.equal(formatText('{agent} joined the chat.', 'en'), '{agent} joined the chat.');
  });

  it('picks plural forms by the language’s rules, an exact =n first, with the number written its way', () => {
    const unread = (language: 'en' | 'fr' | 'ar', count: number) => formatText((language === 'en' ? en : language === 'fr' ? fr : ar)['launcher.unread'], language, { count });
    assert.deepEqual([1, 2].map((n) => unread('en', n)), ['1 new message', '2 new messages']);
    assert.deepEqual([0, 1, 2].map((n) => unread('fr', n)), ['0 nouveau message', '1 nouveau message', '2 nouveaux messages']);
    const arabic = [1, 2, 3, 11, 100].map((n) => unread('ar', n));
    assert.equal(arabic[0], 'رسالة جديدة');
    assert.equal(arabic[1], 'رسالتان جديدتان');
    assert.equal(new Set(arabic).size, 5, 'Arabic has a form for 1, 2, 3–10, 11–99 and 100+');
    assert.equal(formatText(en['handoff.position'], 'en', { position: 1 }), "You're next in line.");
    assert.equal(formatText(en['handoff.position'], 'en', { position: 4 }), "You're number 4 in line.");
    assert.equal(formatText(de['wait.hours'], 'de', { hours: 1.5 }), 'etwa 1,5 Stunden');
  });

  it('does not read a value as a template', () => {
    assert.equal(formatText(en['answer.openRequests'], 'en', { count: 1, request: '"{count} #"' }), 'You have an open request with us: "{count} #".');
  });
});

describe('texts from the handoff and the answer engine', () => {
  const source = { resolvedLocale: 'fr', translation: fr, text: {} };

  it('says the handoff status in the widget’s language', () => {
    const french = sayFor(source, handoffText);
    assert.equal(describeHandoff({ phase: 'active', agentName: 'Maya' }, french), 'Maya a rejoint la conversation.');
    assert.equal(
      describeHandoff({ phase: 'waiting', wait: { position: 1, seconds: 240, basis: 'measured', agentsOnline: 2 } }, french),
      `Vous êtes le prochain dans la file. Attente estimée\u00a0: environ 4 minutes, d’après les conversations récentes. ${fr['handoff.keepHelping']}`,
    );
    assert.equal(describeHandoff({ phase: 'closed', resolution: 'solved' }, french), fr['handoff.endedNoName'].replace('{resolution}', ' (résolue)'));
    assert.equal(formatWait(30, french), 'moins d’une minute');
    assert.match(describeHandoff({ phase: 'waiting', wait: { position: 3, seconds: 5400, basis: 'default', agentsOnline: 1 } }), /^You're number 3 in line\. Expected wait: about 1\.5 hours \(a rough estimate\)\./);
  });

  it('gives quick replies and declines in the widget’s language', async () => {
    const french = sayFor(source, answerText);
    assert.deepEqual(quickRepliesFor('cancel_order', french), ['Y a-t-il des frais d’annulation\u202f?', 'Comment fonctionnent les remboursements\u202f?', 'Parler à une personne']);
    const snapshot = new SnapshotKnowledgeSource({ load: async () => FIXTURE_SNAPSHOT });
    const engine = new AnswerEngine({ knowledge: snapshot, library: snapshot, say: french });
    const text = 'the thing with the stuff again';
    const understanding = understand(text, { confidence: 0.2, rejected: true });
    const events: AnswerEvent[] = [];
    for await (const e of engine.answer({ message: visitorMessage(text, understanding), understanding, history: [] })) events.push(e);
    const said = events.flatMap((e) => (e.type === 'reply-delta' ? [e.text] : [])).join('');
    assert.match(said, /^Je n’en suis pas sûr/);
    assert.ok(said.includes(fr['answer.offer']));
    const end = events.find((e) => e.type === 'reply-end');
    assert.deepEqual(end?.type === 'reply-end' && end.quickReplies, ['Parler à une personne']);
  });
});
