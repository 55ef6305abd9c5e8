import { sayFor } from './ui-text.js';

/** The answer engine's English sentences (greeting, declines, notes) and its quick replies. In the chunk that shows it; other languages are in their catalogue (see en.ts). */
export const answerText = {
  'answer.greeting': 'Hi! What can I help you with today?',
  'answer.thanks': "You're welcome! Is there anything else I can help with?",
  'answer.notSure': "I'm not sure about that, and I'd rather not guess.",
  'answer.whichArticle': "I'm not sure which of our articles you mean, and I'd rather not guess.",
  'answer.cannotSearch': "I can't reach our help articles right now, so I'd rather not guess.",
  'answer.forAPerson': "That's a question for a person rather than for me.",
  'answer.offer': 'A person from our team can help: shall I bring someone in?',
  'answer.accountData': "I can't check live order or account details from here.",
  'answer.accountOffer': 'A person from our team can look it up: shall I bring someone in?',
  'answer.whichOfThese': "I'm not sure which of these you mean. Pick one, or ask a person:",
  'answer.promiseNote': 'A person from our team can confirm anything about refunds, delivery dates or your specific order.',
  'answer.aboutOrder': 'About order number {value}:',
  'answer.aboutEmail': 'About email address {value}:',
  'answer.askOrder': "If this is about a particular order, tell me the order number and I'll remember it, so nobody asks you again.",
  'answer.askEmail': "If this is about a particular account, tell me the email address and I'll remember it, so nobody asks you again.",
  'answer.openRequests':
    '{count, plural, one {You have an open request with us: {request}.} other {You have # open requests with us; the latest is {request}.}}',
  'answer.request': '"{subject}" ({status}, last updated {date})',
  'answer.statusOpen': 'open',
  'answer.statusPending': 'pending',
  'reply.person': 'Talk to a person',
  'reply.trackOrder': 'Track my order',
  'reply.refunds': 'How do refunds work?',
  'reply.deliveryTime': 'How long does delivery take?',
  'reply.changeAddress': 'Change my delivery address',
  'reply.deliveryOptions': 'What delivery options are there?',
  'reply.cancelOrder': 'Cancel my order',
  'reply.cancellationFee': 'Is there a cancellation fee?',
  'reply.paymentMethods': 'What payment methods do you accept?',
  'reply.refundTime': 'How long do refunds take?',
  'reply.returnPolicy': 'What is your return policy?',
  'reply.getRefund': 'How do I get a refund?',
  'reply.invoice': 'Get a copy of my invoice',
  'reply.paymentFailed': 'My payment failed',
  'reply.updateAccount': 'Update my account details',
  'reply.noEmail': 'I did not get the email',
  'reply.resetPassword': 'Reset my password',
  'reply.deleteAccount': 'Delete my account',
  'reply.unsubscribe': 'Unsubscribe from the newsletter',
};

/** The answer texts in English, for code used without a widget around it (a site's own host, tests). */
export const answerEnglish = sayFor(undefined, answerText);

export type AnswerTextId = keyof typeof answerText;
