import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PII_PLACEHOLDERS } from '../understanding/redaction.js';
import { redactEchoes, removedSpans } from './echoed-pii.js';

describe('removedSpans', () => {
  it('recovers what each placeholder replaced', () => {
    assert.deepEqual(removedSpans('mail jo@example.com or call +44 7700 900123 now', 'mail [EMAIL] or call [PHONE] now'), [
      'jo@example.com',
      '+44 7700 900123',
    ]);
    assert.deepEqual(removedSpans('[a] jo@x.io', '[a] [EMAIL]'), ['jo@x.io']);
    assert.deepEqual(removedSpans('no details here', 'no details here'), []);
  });

  it('knows every placeholder the redactor writes', () => {
    for (const placeholder of Object.values(PII_PLACEHOLDERS)) assert.deepEqual(removedSpans('x 42 y', `x ${placeholder} y`), ['42']);
  });

  it('refuses what does not line up, so nothing is guessed', () => {
    assert.equal(removedSpans('mail jo@example.com', 'send [EMAIL]'), null);
    assert.equal(removedSpans('a b c', 'a [EMAIL][PHONE] c'), null);
    assert.equal(removedSpans('text changed', 'text'), null);
  });
});

describe('redactEchoes', () => {
  it('replaces every echo of a value', () => {
    assert.equal(redactEchoes('I will email jo@x.io, jo@x.io', ['jo@x.io']), 'I will email [REDACTED], [REDACTED]');
  });
});
