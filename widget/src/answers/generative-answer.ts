import { AnswerFieldStream } from './answer-json-stream.js';
import type { GenerativeModel } from './generative-model.js';
import { GROUNDED_ANSWER_SCHEMA, groundedPrompt, type GroundingPassage } from './grounded-prompt.js';
import { GuardedSentences } from './guardrails.js';

export type GenerativeStep =
  | { type: 'text'; text: string }
  /** What was shown is replaced by `text`: the words shown of a sentence the guardrails then dropped are taken back. */
  | { type: 'replace'; text: string }
  | { type: 'done'; sources: number[]; answerable: boolean; dropped: number };

/**
 * A tier-2 answer: the model reads only the neutralised passages (as quoted
 * data) and streams a JSON-constrained reply whose `answer` reaches the
 * visitor token by token through the same guardrails as tier 1: a sentence's
 * words show as they come until one could start a promise or order detail,
 * the rest once the whole sentence is judged; a dropped sentence is taken
 * back (`replace`) along with any words of it already shown.
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
  let admitted = '';
  let shown = '';
  // Token by token: admitted sentences, then the safe words of the one being written.
  function* show(target: string): Generator<GenerativeStep> {
    if (target === shown) return;
    yield target.startsWith(shown) ? { type: 'text', text: target.slice(shown.length) } : { type: 'replace', text: target };
    shown = target;
  }
  try {
    for await (const token of model.stream(request)) {
      const text = field.push(token);
      // The model said it cannot answer before writing the answer: nothing of it is shown.
      if (!shown && field.flag('answerable') === false) {
        yield { type: 'done', sources: [], answerable: false, dropped: 0 };
        return;
      }
      admitted += guard.push(text);
      yield* show(admitted + guard.preview());
    }
  } catch (err) {
    // Failed mid-sentence: only the sentences already judged stay.
    yield* show(admitted);
    throw err;
  }
  admitted += guard.flush();
  yield* show(admitted);
  const parsed = field.parsed() as { sources?: unknown; answerable?: unknown } | null;
  const sources = Array.isArray(parsed?.sources)
    ? parsed.sources.filter((n): n is number => Number.isInteger(n) && n >= 1 && n <= passages.length)
    : [];
  yield { type: 'done', sources, answerable: parsed?.answerable !== false, dropped: guard.dropped };
}
