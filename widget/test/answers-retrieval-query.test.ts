import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retrievalQuery } from '../src/answers/retrieval-query.js';
import { understand, visitorMessage } from './answers-fixtures.js';

describe('retrievalQuery', () => {
  it('sends only the redacted text off the device, and keeps the visitor’s words for on-device extraction', () => {
    const text = 'my email is jo@example.com, how do I reset my password';
    const q = retrievalQuery(text, understand(text, { redacted: 'my email is [EMAIL], how do I reset my password' }), []);
    assert.equal(q.search, 'my email is [EMAIL], how do I reset my password');
    assert.equal(q.local, text);
  });
  it('reads a short follow-up with the previous question, still redacted for the relay', () => {
    const first = visitorMessage('how long does delivery to jo@example.com take', understand('x', { redacted: 'how long does delivery to [EMAIL] take' }));
    const q = retrievalQuery('and to Australia?', understand('and to Australia?'), [first]);
    assert.equal(q.search, 'how long does delivery to [EMAIL] take and to Australia?');
    assert.doesNotMatch(q.search, /jo@example/);
    assert.match(q.local, /delivery .* Australia/);
  });
  it('never sends a previous message that has no redacted form', () => {
    const first = { ...visitorMessage('call me on 07700 900123 about delivery'), understanding: undefined };
    const q = retrievalQuery('and returns?', understand('and returns?'), [first]);
    assert.equal(q.search, 'and returns?');
  });
  it('clips a pasted wall of text to a question’s length', () => {
    const huge = 'refund '.repeat(10_000);
    const q = retrievalQuery(huge, understand(huge), []);
    assert.ok(q.search.length <= 500 && q.local.length <= 500);
  });
});
