import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readLabeledCsv } from '../../models/src/csv.js';
import { suggestReplies } from './reply-suggestions.js';
import { toTrainingCsv, type SuggestionFeedback } from './training-export.js';

const row = (over: Partial<SuggestionFeedback>): SuggestionFeedback => ({
  text: 'where is my parcel',
  label: 'track_order',
  action: 'rejected',
  suggestion: 'See our returns guide',
  reply: '',
  articleId: 'returns',
  conversationId: 'h1',
  at: Date.UTC(2026, 10, 23),
  ...over,
});

describe('training export', () => {
  it('writes CSV that the models CLI reads with --text-column text --label-column label', () => {
    const csv = toTrainingCsv([
      row({}),
      row({ text: 'refund, "now", please\nasap', label: 'get_refund', action: 'edited', reply: 'I have started your refund, it takes 3-5 days.' }),
      row({ text: '=HYPERLINK("http://evil")', label: 'oos' }),
    ]);
    const examples = readLabeledCsv(csv, 'text', 'label', 'export');
    assert.deepEqual(
      examples.map((e) => e.label),
      ['track_order', 'get_refund', 'oos'],
    );
    assert.equal(examples[1]!.text, 'refund, "now", please\nasap');
    assert.ok(examples[2]!.text.startsWith("'="), 'spreadsheet formulas are neutralised');
  });
});

describe('reply suggestions', () => {
  it('drafts replies from help articles only, with the link, in whole sentences', () => {
    const s = suggestReplies([
      { id: 't1', title: 'Ticket', url: '/t/1', snippet: 'internal notes', score: 9, source: 'ticket' },
      { id: 'a1', title: 'Tracking your order', url: '/help/tracking', snippet: 'Orders ship in 1-2 days. You get a tracking link by email. Couriers update it daily and some more text that goes on', score: 5, source: 'article' },
    ]);
    assert.equal(s.length, 1);
    assert.equal(s[0]!.articleId, 'a1');
    assert.match(s[0]!.text, /^Orders ship in 1-2 days\./);
    assert.match(s[0]!.text, /"Tracking your order": \/help\/tracking$/);
  });
});
