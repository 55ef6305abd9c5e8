import { answerEnglish, type AnswerTextId } from '../locale/answer-text.js';
import type { Say } from '../locale/ui-text.js';

/** The quick reply that always reaches a person, in English; escalation recognises it (and each catalogue's wording) as an explicit request. */
export const TALK_TO_A_PERSON = answerEnglish('reply.person');

/** Next questions visitors with each intent most often have, phrased as they would type them. */
const FOLLOW_UPS: Record<string, AnswerTextId[]> = {
  track_order: ['reply.deliveryTime', 'reply.changeAddress'],
  delivery_period: ['reply.trackOrder', 'reply.deliveryOptions'],
  delivery_options: ['reply.deliveryTime', 'reply.trackOrder'],
  change_shipping_address: ['reply.trackOrder', 'reply.cancelOrder'],
  set_up_shipping_address: ['reply.changeAddress', 'reply.deliveryOptions'],
  cancel_order: ['reply.cancellationFee', 'reply.refunds'],
  check_cancellation_fee: ['reply.cancelOrder', 'reply.refunds'],
  change_order: ['reply.cancelOrder', 'reply.trackOrder'],
  place_order: ['reply.paymentMethods', 'reply.deliveryOptions'],
  get_refund: ['reply.refundTime', 'reply.returnPolicy'],
  track_refund: ['reply.returnPolicy', 'reply.invoice'],
  check_refund_policy: ['reply.getRefund', 'reply.refundTime'],
  check_payment_methods: ['reply.paymentFailed', 'reply.invoice'],
  payment_issue: ['reply.paymentMethods', 'reply.invoice'],
  get_invoice: ['reply.paymentFailed', 'reply.refunds'],
  check_invoice: ['reply.invoice', 'reply.paymentFailed'],
  recover_password: ['reply.updateAccount', 'reply.noEmail'],
  registration_problems: ['reply.resetPassword', 'reply.noEmail'],
  create_account: ['reply.resetPassword', 'reply.updateAccount'],
  edit_account: ['reply.resetPassword', 'reply.deleteAccount'],
  delete_account: ['reply.unsubscribe', 'reply.updateAccount'],
  switch_account: ['reply.resetPassword', 'reply.updateAccount'],
  newsletter_subscription: ['reply.updateAccount', 'reply.deleteAccount'],
  contact_customer_service: ['reply.trackOrder', 'reply.refunds'],
  complaint: ['reply.refunds'],
  review: ['reply.trackOrder'],
};

/** Quick replies under an answer for `intent`, in the widget's language: its follow-ups, and always a way to a person. */
export function quickRepliesFor(intent: string, say: Say<AnswerTextId> = answerEnglish): string[] {
  return [...(FOLLOW_UPS[intent] ?? []), 'reply.person' as const].map((id) => say(id));
}
