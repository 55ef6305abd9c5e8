/**
 * What a visitor is asking about, in words an agent reads, for the shipped
 * intent labels. Labels that share a topic count together when the policy
 * looks for a loop: "where is my parcel" and "how long does delivery take"
 * are the same unanswered question to the visitor.
 */
export const DEFAULT_INTENT_TOPICS: Readonly<Record<string, string>> = {
  track_order: 'delivery',
  delivery_period: 'delivery',
  delivery_options: 'delivery',
  change_shipping_address: 'the shipping address',
  set_up_shipping_address: 'the shipping address',
  get_refund: 'a refund',
  track_refund: 'a refund',
  check_refund_policy: 'a refund',
  cancel_order: 'cancelling an order',
  check_cancellation_fee: 'cancelling an order',
  change_order: 'changing an order',
  place_order: 'placing an order',
  payment_issue: 'a payment problem',
  check_payment_methods: 'payment methods',
  check_invoice: 'an invoice',
  get_invoice: 'an invoice',
  create_account: 'their account',
  edit_account: 'their account',
  delete_account: 'deleting their account',
  switch_account: 'their account',
  recover_password: 'signing in',
  registration_problems: 'signing in',
  complaint: 'a complaint',
  review: 'leaving a review',
  newsletter_subscription: 'the newsletter',
  contact_customer_service: 'contacting support',
  contact_human_agent: 'a person',
};

/** Intents that are conversation glue rather than a question; they never make a loop. */
export const DEFAULT_IGNORED_INTENTS: readonly string[] = ['greeting', 'thanks', 'goodbye', 'oos'];

/** The topic of an intent label: the site's map, then ours, then the label in words. */
export function intentTopic(label: string, topics: Readonly<Record<string, string>>): string {
  return topics[label] ?? DEFAULT_INTENT_TOPICS[label] ?? label.replace(/[_-]+/g, ' ');
}
