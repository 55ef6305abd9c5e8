import { AnswerFieldStream } from './answer-json-stream.js';
import type { GenerativeModel } from './generative-model.js';
import { GROUNDED_ANSWER_SCHEMA, groundedPrompt, type GroundingPassage } from './grounded-prompt.js';
import { GuardedSentences } from './guardrails.js';

export type GenerativeStep =
  | { type: 'text'; text: string }
  | { type: 'done'; sources: number[]; answerable: boolean; dropped: number };

/**
 * A tier-2 answer: the model reads only the neutralised passages (as quoted
 * data) and streams a JSON-constrained reply whose `answer` is passed to the
 * visitor sentence by sentence through the same guardrails as tier 1.
 */
export async function* generateGroundedAnswer(
  model: GenerativeModel,
  question: string,
  passages: readonly GroundingPassage[],
  known: Record<string, string>,
  signal?: AbortSignal,
): AsyncGenerator<GenerativeStep> {
  const field = new AnswerFieldStream();
  const guard = new GuardedSentences(new Set(Object.values(known).map((v) => v.replace(/^#/, '').toUpperCase())));
  const request = {
    messages: groundedPrompt(question, passages, known),
    jsonSchema: GROUNDED_ANSWER_SCHEMA as unknown as Record<string, unknown>,
    maxTokens: 320,
    signal,
  };
  let shown = false;
  for await (const token of model.stream(request)) {
    const text = field.push(token);
    // The model said it cannot answer before writing the answer: nothing of it is shown.
    if (!shown && field.flag('answerable') === false) {
      yield { type: 'done', sources: [], answerable: false, dropped: 0 };
      return;
    }
    const safe = guard.push(text);
    if (safe) {
      shown = true;
      yield { type: 'text', text: safe };
    }
  }
  const rest = guard.flush();
  if (rest) yield { type: 'text', text: rest };
  const parsed = field.parsed() as { sources?: unknown; answerable?: unknown } | null;
  const sources = Array.isArray(parsed?.sources)
    ? parsed.sources.filter((n): n is number => Number.isInteger(n) && n >= 1 && n <= passages.length)
    : [];
  yield { type: 'done', sources, answerable: parsed?.answerable !== false, dropped: guard.dropped };
}
