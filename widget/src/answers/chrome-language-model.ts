import type { GenerationRequest, GenerativeModel, LoadProgress, ModelState } from './generative-model.js';

/** Chrome's built-in Prompt API (`LanguageModel`), as far as this module uses it. */
interface LanguageModelSession {
  promptStreaming(input: string, options?: { signal?: AbortSignal; responseConstraint?: unknown }): ReadableStream<string>;
  destroy(): void;
}
interface LanguageModelStatic {
  availability(options?: unknown): Promise<'unavailable' | 'downloadable' | 'downloading' | 'available'>;
  create(options?: {
    initialPrompts?: { role: 'system' | 'user' | 'assistant'; content: string }[];
    monitor?: (m: EventTarget) => void;
    signal?: AbortSignal;
  }): Promise<LanguageModelSession>;
}

function builtIn(): LanguageModelStatic | undefined {
  return (globalThis as { LanguageModel?: LanguageModelStatic }).LanguageModel;
}

/** What the browser's built-in model can do now: `unavailable`, needs a (consented) download, or ready. */
export async function chromeLanguageModelAvailability(): Promise<'unavailable' | 'downloadable' | 'downloading' | 'available'> {
  const api = builtIn();
  if (!api) return 'unavailable';
  try {
    return await api.availability();
  } catch {
    return 'unavailable';
  }
}

/**
 * Tier 2 through Chrome's built-in `LanguageModel` when the browser offers it:
 * no weights for the site to host, the browser manages the download (reported
 * as progress) and the cache.
 */
export class ChromeLanguageModel implements GenerativeModel {
  readonly id = 'chrome-built-in';
  private current: ModelState = 'unloaded';
  private api?: LanguageModelStatic;

  get state(): ModelState {
    return this.current;
  }

  async load(onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
    const api = builtIn();
    if (!api || (await chromeLanguageModelAvailability()) === 'unavailable') {
      this.current = 'failed';
      throw new Error('this browser has no built-in language model');
    }
    this.current = 'loading';
    try {
      // Creating a session is what triggers (and reports) the browser's download.
      const probe = await api.create({
        signal,
        monitor: (m) =>
          m.addEventListener('downloadprogress', (e) => {
            const loaded = (e as Event & { loaded?: number }).loaded ?? 0;
            // No words: the panel says what is downloading, in the visitor's language, beside the percentage.
            onProgress?.({ progress: loaded, text: '' });
          }),
      });
      probe.destroy();
      this.api = api;
      this.current = 'ready';
    } catch (err) {
      this.current = 'failed';
      throw err;
    }
  }

  async *stream(request: GenerationRequest): AsyncGenerator<string> {
    if (!this.api || this.current !== 'ready') throw new Error('the built-in language model is not loaded');
    const system = request.messages.filter((m) => m.role === 'system');
    const turns = request.messages.filter((m) => m.role !== 'system');
    const last = turns.pop();
    if (!last) return;
    const session = await this.api.create({ initialPrompts: [...system, ...turns], signal: request.signal });
    try {
      const reader = session
        .promptStreaming(last.content, { signal: request.signal, ...(request.jsonSchema ? { responseConstraint: request.jsonSchema } : {}) })
        .getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (value) yield value;
      }
    } finally {
      session.destroy();
    }
  }

  async unload(): Promise<void> {
    this.api = undefined;
    this.current = 'unloaded';
  }
}
