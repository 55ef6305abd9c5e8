import { sentences } from './sentences.js';

/**
 * Retrieved text is data, never instructions. These patterns find sentences
 * that address the assistant rather than the customer: an article (or a
 * poisoned ticket) saying "ignore your instructions" must change nothing.
 */
const INSTRUCTION_PATTERNS: RegExp[] = [
  /\b(?:ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,60}\b(?:instruction|prompt|rule|guideline|polic(?:y|ies)|above|previous|prior|everything)/i,
  /\b(?:system|developer)\s*(?:prompt|message|instruction)/i,
  /\byou\s+are\s+(?:now|no\s+longer)\b/i,
  /\b(?:act|behave|respond|answer|reply)\s+as\s+(?:if|though|an?\b)/i,
  /\bpretend\s+(?:to\s+be|you)\b/i,
  /\bnew\s+(?:instructions|rules|persona|role)\b/i,
  /\b(?:assistant|chatbot|bot|ai|language\s+model|llm)s?\b[^.!?\n]{0,40}\b(?:must|should|shall|will\s+now|is\s+required\s+to)\b/i,
  /\b(?:tell|inform|promise|assure|guarantee)\s+(?:the\s+)?(?:user|customer|visitor)s?\b/i,
  /\b(?:reveal|print|output|repeat)\b[^.!?\n]{0,30}\b(?:prompt|instructions|secret|password|api\s*key)/i,
  /\[\/?INST\]|\b(?:BEGIN|END)\s+(?:SYSTEM|INSTRUCTIONS)\b/i,
];

/** True when `sentence` reads as an instruction to an AI rather than help content. */
export function isInstructionLike(sentence: string): boolean {
  return INSTRUCTION_PATTERNS.some((p) => p.test(sentence));
}

export interface SafePassage {
  /** The passage's sentences that are help content, wording unchanged. */
  sentences: string[];
  /** How many sentences were dropped as instruction-like. */
  neutralised: number;
}

/**
 * Strips markup and instruction-like sentences from a retrieved passage
 * before anything extracts from it or a model reads it.
 */
export function neutralisePassage(text: string): SafePassage {
  const plain = text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g, '');
  const kept: string[] = [];
  let neutralised = 0;
  for (const s of sentences(plain)) {
    if (isInstructionLike(s)) neutralised++;
    else kept.push(s);
  }
  return { sentences: kept, neutralised };
}
