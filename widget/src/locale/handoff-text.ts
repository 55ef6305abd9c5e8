import { sayFor } from './ui-text.js';

/** The live-person English text: the status line, wait estimates, resolutions, the callback form. In the chunk that shows it; other languages are in their catalogue (see en.ts). */
export const handoffText = {
  'handoff.starting': 'Connecting you with a person…',
  'handoff.unreachable': "We couldn't reach the support team yet{error}. We keep trying, and I can keep helping here meanwhile.",
  'handoff.unavailable': "Live chat isn't available on this site right now. I can keep helping here.",
  'handoff.joined': '{agent} joined the chat.',
  'handoff.joinedNoName': 'An agent joined the chat.',
  'handoff.ended': 'The chat with {agent} has ended{resolution}. "Talk to a person" starts a new one.',
  'handoff.endedNoName': 'The chat with the team has ended{resolution}. "Talk to a person" starts a new one.',
  'handoff.disconnected': 'Connection lost. Reconnecting… nothing you write is lost.',
  'handoff.nobodyOnline': "Nobody from the team is online right now. Leave your email or number and they'll get back to you; I can keep helping here meanwhile.",
  'handoff.position': "{position, plural, =1 {You're next in line.} other {You're number # in line.}}",
  'handoff.waitMeasured': 'Expected wait: {wait}, based on recent chats.',
  'handoff.waitRough': 'Expected wait: {wait} (a rough estimate).',
  'handoff.keepHelping': 'I can keep helping here while you wait.',
  'handoff.agentTyping': '{agent} is typing',
  'handoff.agentTypingNoName': 'The agent is typing',
  'wait.underMinute': 'under a minute',
  'wait.minutes': '{minutes, plural, one {about # minute} other {about # minutes}}',
  'wait.hours': '{hours, plural, one {about # hour} other {about # hours}}',
  'resolution.solved': 'solved',
  'resolution.follow-up': 'solved, follow-up needed',
  'resolution.unresolved': 'not resolved',
  'resolution.duplicate': 'duplicate of another conversation',
  'resolution.spam': 'spam or abuse',
  'callback.why': 'Get an answer without waiting here:',
  'callback.contactBy': 'Contact me by',
  'callback.email': 'Email',
  'callback.sms': 'SMS',
  'callback.emailAddress': 'Email address',
  'callback.mobile': 'Mobile number (with country code)',
  'callback.emailPlaceholder': 'you@example.com',
  'callback.mobilePlaceholder': '+44 7911 123456',
  'callback.note': 'What should they know? (optional)',
  'callback.sending': 'Sending…',
  'callback.submit': 'Request a callback',
  'callback.sentEmail': 'Thanks. The team will email you as soon as someone is free.',
  'callback.sentSms': 'Thanks. The team will text you as soon as someone is free.',
};

/** The handoff texts in English, for code used without a widget around it (a site's own host, tests). */
export const handoffEnglish = sayFor(undefined, handoffText);

export type HandoffTextId = keyof typeof handoffText;
