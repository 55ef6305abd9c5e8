/** The quick reply that always reaches a person; escalation recognises it as an explicit request. */
export const TALK_TO_A_PERSON = 'Talk to a person';

/** Next questions visitors with each intent most often have, phrased as they would type them. */
const FOLLOW_UPS: Record<string, string[]> = {
  track_order: ['How long does delivery take?', 'Change my delivery address'],
  delivery_period: ['Track my order', 'What delivery options are there?'],
  delivery_options: ['How long does delivery take?', 'Track my order'],
  change_shipping_address: ['Track my order', 'Cancel my order'],
  set_up_shipping_address: ['Change my delivery address', 'What delivery options are there?'],
  cancel_order: ['Is there a cancellation fee?', 'How do refunds work?'],
  check_cancellation_fee: ['Cancel my order', 'How do refunds work?'],
  change_order: ['Cancel my order', 'Track my order'],
  place_order: ['What payment methods do you accept?', 'What delivery options are there?'],
  get_refund: ['How long do refunds take?', 'What is your return policy?'],
  track_refund: ['What is your return policy?', 'Get a copy of my invoice'],
  check_refund_policy: ['How do I get a refund?', 'How long do refunds take?'],
  check_payment_methods: ['My payment failed', 'Get a copy of my invoice'],
  payment_issue: ['What payment methods do you accept?', 'Get a copy of my invoice'],
  get_invoice: ['My payment failed', 'How do refunds work?'],
  check_invoice: ['Get a copy of my invoice', 'My payment failed'],
  recover_password: ['Update my account details', 'I did not get the email'],
  registration_problems: ['Reset my password', 'I did not get the email'],
  create_account: ['Reset my password', 'Update my account details'],
  edit_account: ['Reset my password', 'Delete my account'],
  delete_account: ['Unsubscribe from the newsletter', 'Update my account details'],
  switch_account: ['Reset my password', 'Update my account details'],
  newsletter_subscription: ['Update my account details', 'Delete my account'],
  contact_customer_service: ['Track my order', 'How do refunds work?'],
  complaint: ['How do refunds work?'],
  review: ['Track my order'],
};

/** Quick replies under an answer for `intent`: its follow-ups, and always a way to a person. */
export function quickRepliesFor(intent: string): string[] {
  return [...(FOLLOW_UPS[intent] ?? []), TALK_TO_A_PERSON];
}
