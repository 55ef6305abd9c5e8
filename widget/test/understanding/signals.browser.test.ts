import { expect } from 'chai';
import { readSignals, type SignalOptions, type Signals } from '../../src/understanding/signals.js';

const options: SignalOptions = { locale: 'en-GB', now: new Date('2026-03-10T12:00:00') };
const message = 'Wheres my order #A12345?? Paid £49.99 yesterday, ring 07700 900123 or mail jo@example.com. Card 4111 1111 1111 1111. This is RIDICULOUS!!!';

/** What Node computes for `message` (widget/test/understanding/signals.test.ts checks the same facts). */
function expectKnownReading(s: Signals): void {
  expect(s.redacted).to.equal('Wheres my order #A12345?? Paid £49.99 yesterday, ring [PHONE] or mail [EMAIL]. Card [CARD]. This is RIDICULOUS!!!');
  expect(s.pii).to.deep.equal(['phone', 'email', 'card']);
  expect(s.entities.map((e) => [e.kind, e.value])).to.deep.equal([
    ['order_number', 'A12345'],
    ['amount', '49.99 GBP'],
    ['date', '2026-03-09'],
    ['phone', '+447700900123'],
    ['email', 'jo@example.com'],
  ]);
  expect(s.language).to.equal('en');
  expect(s.sentiment).to.be.below(0);
  expect(s.frustration.score).to.be.at.least(0.5);
  expect(s.frustration.signals.map((x) => x.kind)).to.include.members(['negative-phrase', 'punctuation-run']);
}

describe('rule-based signals in the browser', () => {
  it('read a message on the page the same way as in Node', () => {
    expectKnownReading(readSignals(message, [], options));
  });

  it('read a message inside a module Web Worker', async () => {
    const worker = new Worker(new URL('./signals-probe.worker.ts', import.meta.url), { type: 'module' });
    try {
      const result = await new Promise<Signals>((resolve, reject) => {
        worker.onmessage = (event: MessageEvent<Signals>) => resolve(event.data);
        worker.onerror = (event) => reject(new Error(event.message));
        worker.postMessage({ text: message, options });
      });
      expectKnownReading(result);
    } finally {
      worker.terminate();
    }
  });

  it('handle RTL and emoji-only input', () => {
    const rtl = readSignals('مرحبا، بريدي ali@example.com', [], options);
    expect(rtl.language).to.equal('ar');
    expect(rtl.redacted).to.equal('مرحبا، بريدي [EMAIL]');
    const emoji = readSignals('😡😡😡', [], options);
    expect(emoji.sentiment).to.be.below(0);
    expect(emoji.language).to.equal('und');
  });
});
