import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entityFraming, rememberEntities } from '../src/answers/entity-memory.js';
import { countResolved } from '../src/answers/feedback.js';
import type { ConversationMessage } from '../src/conversation/message.js';
import { orderNumber, understand, visitorMessage } from './answers-fixtures.js';

describe('remembered entities', () => {
  it('remembers an order number given turns ago and does not ask for it again', () => {
    const history = [
      visitorMessage('hi, my order is A12345', understand('hi, my order is A12345', { label: 'greeting', entities: [orderNumber('A12345', 16)] })),
      visitorMessage('also, do you sell gift cards?'),
      visitorMessage('ok thanks'),
    ];
    const remembered = rememberEntities(history, understand('where is it?'));
    assert.equal(remembered.order_number?.value, 'A12345');
    const framing = entityFraming('track_order', remembered);
    assert.match(framing.leadIn, /A12345/);
    assert.equal(framing.followUp, '');
  });
  it('asks for the missing entity once it is needed and unknown', () => {
    assert.match(entityFraming('track_order', {}).followUp, /order number/);
    assert.deepEqual(entityFraming('check_payment_methods', {}), { leadIn: '', followUp: '' });
  });
  it('keeps the newest value of each kind and ignores bot and agent text', () => {
    const bot: ConversationMessage = { ...visitorMessage('x'), role: 'bot', understanding: understand('x', { entities: [orderNumber('B99999')] }) };
    const history = [visitorMessage('a', understand('a', { entities: [orderNumber('A11111')] })), bot, visitorMessage('b', understand('b', { entities: [orderNumber('C22222')] }))];
    assert.equal(rememberEntities(history).order_number?.value, 'C22222');
  });
});

describe('countResolved', () => {
  const answer = (conversationId: string, at: number, feedback?: 'helpful' | 'not-helpful'): ConversationMessage => ({
    id: `b${conversationId}${at}`,
    conversationId,
    role: 'bot',
    text: 'answer',
    at,
    status: 'delivered',
    answer: { origin: 'device', citations: [], quickReplies: [], ...(feedback ? { feedback } : {}) },
  });
  it('counts only an explicit "Yes"; silence is never resolved', () => {
    const c = countResolved([answer('a', 1, 'helpful'), answer('b', 1), answer('c', 1, 'not-helpful'), answer('d', 1), answer('d', 2)]);
    assert.equal(c.answers, 5);
    assert.equal(c.helpful, 1);
    assert.equal(c.notHelpful, 1);
    assert.equal(c.unrated, 3);
    assert.equal(c.conversations, 4);
    assert.equal(c.resolvedConversations, 1);
    assert.equal(c.resolutionRate, 0.25);
  });
  it('does not count a conversation whose last rating was "No", or that a person took over', () => {
    const agent: ConversationMessage = { id: 'g', conversationId: 'b', role: 'agent', text: 'hi', at: 3, status: 'delivered' };
    const c = countResolved([answer('a', 1, 'helpful'), answer('a', 2, 'not-helpful'), answer('b', 1, 'helpful'), agent]);
    assert.equal(c.resolvedConversations, 0);
  });
});
