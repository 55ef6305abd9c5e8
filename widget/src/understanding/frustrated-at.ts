/**
 * A frustration score at or over this is worth a person's attention. The
 * signals bench measures it against messages labelled "should escalate"
 * (`frustration` in bench/results.json), and the escalation policy counts it
 * as a signal unless a site sets its own. A module of its own, so the policy's
 * chunk takes the number without the phrase lists.
 */
export const FRUSTRATED_AT = 0.5;
