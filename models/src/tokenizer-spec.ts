/**
 * The tokenizer every exported model uses, in the Hugging Face `tokenizers`
 * format: BERT normalisation (lower-case, accents stripped, CJK split),
 * BERT pre-tokenisation (whitespace and punctuation) and WordPiece over a
 * vocabulary the trainer builds from the data. Ids 0 and 1 are padding and
 * unknown.
 */

export const PAD_TOKEN = '[PAD]';
export const UNK_TOKEN = '[UNK]';
export const SPECIAL_TOKENS = [PAD_TOKEN, UNK_TOKEN] as const;
export const CONTINUATION = '##';

export function tokenizerJson(vocab: readonly string[]): object {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: null,
    decoder: { type: 'WordPiece', prefix: CONTINUATION, cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: UNK_TOKEN,
      continuing_subword_prefix: CONTINUATION,
      max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

export function tokenizerConfigJson(maxTokens: number): { model_max_length: number } & Record<string, unknown> {
  return {
    tokenizer_class: 'BertTokenizer',
    model_max_length: maxTokens,
    do_lower_case: true,
    pad_token: PAD_TOKEN,
    unk_token: UNK_TOKEN,
    clean_up_tokenization_spaces: true,
  };
}
