import { Tokenizer } from '@huggingface/tokenizers';

/** A model's `tokenizer.json` and `tokenizer_config.json`, as parsed JSON. */
export interface TokenizerFiles {
  tokenizer: object;
  tokenizerConfig: { model_max_length?: number } & Record<string, unknown>;
}

/**
 * Text to token ids exactly as transformers.js tokenizes for the ONNX path
 * (same library, same files), truncated to the model's `model_max_length`.
 */
export class IntentTokenizer {
  readonly maxTokens: number;
  readonly vocabSize: number;
  private readonly tokenizer: Tokenizer;

  constructor(files: TokenizerFiles) {
    this.tokenizer = new Tokenizer(files.tokenizer, files.tokenizerConfig);
    this.maxTokens = files.tokenizerConfig.model_max_length ?? 128;
    this.vocabSize = this.tokenizer.get_vocab(true).size;
  }

  encode(text: string): Int32Array {
    const ids = this.tokenizer.encode(text, { add_special_tokens: false }).ids;
    const n = Math.min(ids.length, this.maxTokens);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = Number(ids[i]);
    return out;
  }

  tokens(text: string): string[] {
    return this.tokenizer.tokenize(text, { add_special_tokens: false });
  }
}
