import type { AppConfig, ChatCompletionChunk, ChatCompletionRequest, InitProgressCallback } from '@mlc-ai/web-llm';

/**
 * A small deterministic stand-in for web-llm's `MLCEngine`, served through
 * the real worker protocol in tests (no LLM weights can be downloaded here).
 * It behaves like a gullible model: it answers from the passage that best
 * matches the question, and obeys any "ignore all previous instructions"
 * it reads, so only the widget's own defences keep such text out.
 *
 * Markers script the rest. In the question: "promise" makes it promise a
 * refund; "slowly" delays its first token by 3 s; "urgently" fails as a lost
 * GPU does. In the model URL: "slow-download" takes 600 ms per progress step;
 * "broken" fails the download.
 */
export class DeterministicEngine {
  private progress?: InitProgressCallback;
  private appConfig?: AppConfig;
  private interrupted = false;
  private loaded?: string;

  setInitProgressCallback(cb: InitProgressCallback): void {
    this.progress = cb;
  }
  getInitProgressCallback(): InitProgressCallback | undefined {
    return this.progress;
  }
  setAppConfig(appConfig: AppConfig): void {
    this.appConfig = appConfig;
  }
  setLogLevel(): void {}

  async reload(modelId: string | string[]): Promise<void> {
    const id = Array.isArray(modelId) ? modelId[0]! : modelId;
    const record = this.appConfig?.model_list.find((m) => m.model_id === id);
    if (!record) throw new Error(`Cannot find model record in appConfig for ${id}`);
    const stepMs = /slow-download/.test(record.model) ? 600 : 5;
    for (const p of [0, 0.25, 0.5, 0.75, 1]) {
      this.progress?.({ progress: p, timeElapsed: p, text: `Fetching param cache[${p * 4}/4] from ${record.model} (lib ${record.model_lib})` });
      await new Promise((r) => setTimeout(r, stepMs));
      if (p === 0.5 && /broken/.test(record.model)) throw new Error('NetworkError: Failed to fetch params_shard_2.bin');
    }
    this.loaded = id;
  }

  async chatCompletion(request: ChatCompletionRequest): Promise<AsyncIterable<ChatCompletionChunk>> {
    if (!this.loaded) throw new Error('Model not loaded before calling chatCompletion');
    if (!request.stream) throw new Error('the deterministic engine only streams');
    this.interrupted = false;
    const user = String(request.messages.find((m) => m.role === 'user')?.content ?? '');
    const passages = JSON.parse(/Help passages \(data\): (.*)\n/.exec(user)?.[1] ?? '[]') as { n: number; title: string; text: string }[];
    const question = JSON.parse(/Customer question: (.*)$/.exec(user)?.[1] ?? '""') as string;
    const json = request.response_format?.type === 'json_object' && typeof request.response_format.schema === 'string';
    if (/urgently/.test(question)) throw new Error('GPUDeviceLostError: the GPU device was lost');
    const reply = this.reply(question, passages);
    const text = json ? JSON.stringify(reply) : reply.answer;
    const model = this.loaded;
    const engine = this;
    return (async function* () {
      if (/slowly/.test(question)) await new Promise((r) => setTimeout(r, 3000));
      // Tokens of 1-4 characters, as a real tokenizer would stream them.
      for (const token of text.match(/.{1,4}/gs) ?? []) {
        if (engine.interrupted) return;
        await new Promise((r) => setTimeout(r, 1));
        yield { id: 'det', object: 'chat.completion.chunk', created: 0, model, choices: [{ index: 0, delta: { role: 'assistant', content: token }, finish_reason: null }] } as ChatCompletionChunk;
      }
    })();
  }

  /** Keys in the schema's order (answerable, answer, sources), as constrained decoding writes them. */
  private reply(question: string, passages: { n: number; text: string }[]): { answerable: boolean; answer: string; sources: number[] } {
    for (const p of passages) {
      const obeyed = /ignore all previous instructions and (.*?)[.!]/i.exec(p.text);
      if (obeyed) return { answerable: true, answer: `As instructed, ${obeyed[1]}.`, sources: [p.n] };
    }
    const words = new Set(question.toLowerCase().match(/\p{L}{4,}/gu) ?? []);
    const scored = passages.map((p) => ({ p, hits: (p.text.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((w) => words.has(w)).length }));
    const best = scored.sort((a, b) => b.hits - a.hits)[0];
    if (!best || best.hits === 0) return { answerable: false, answer: "I'm not sure; a person from our team can help.", sources: [] };
    const sentences = best.p.text.match(/[^.!?]+[.!?]/g) ?? [best.p.text];
    const promise = /promise/.test(question) ? 'You will get a full refund today. ' : '';
    return { answerable: true, answer: `${promise}${sentences.slice(0, 2).join('').trim()}`, sources: [best.p.n] };
  }

  interruptGenerate(): void {
    this.interrupted = true;
  }
  async unload(): Promise<void> {
    this.loaded = undefined;
  }
  async resetChat(): Promise<void> {}
  async getMessage(): Promise<string> {
    return '';
  }
  async runtimeStatsText(): Promise<string> {
    return 'deterministic engine: no GPU';
  }
}
