/**
 * Headless Chromium has no built-in model. This stand-in follows the Prompt
 * API's documented shape (`LanguageModel.availability()`, `create()` with a
 * download monitor, `session.promptStreaming()`), records what it was given,
 * and streams the reply the test writes for each prompt.
 */
export class PromptApiStandIn {
  readonly created: { initialPrompts?: unknown[] }[] = [];
  constraint: unknown;

  constructor(
    private readonly reply: (input: string) => string,
    private readonly progressStepMs = 0,
  ) {}

  async availability(): Promise<'downloadable'> {
    return 'downloadable';
  }

  async create(options: { initialPrompts?: unknown[]; monitor?: (m: EventTarget) => void } = {}) {
    this.created.push(options);
    const monitor = new EventTarget();
    options.monitor?.(monitor);
    for (const loaded of [0, 0.5, 1]) {
      monitor.dispatchEvent(Object.assign(new Event('downloadprogress'), { loaded }));
      if (this.progressStepMs) await new Promise((r) => setTimeout(r, this.progressStepMs));
    }
    return {
      promptStreaming: (input: string, opts: { responseConstraint?: unknown } = {}) => {
        this.constraint = opts.responseConstraint;
        const chunks = this.reply(input).match(/.{1,6}/gs) ?? [];
        return new ReadableStream<string>({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(chunk);
            controller.close();
          },
        });
      },
      destroy() {},
    };
  }
}
