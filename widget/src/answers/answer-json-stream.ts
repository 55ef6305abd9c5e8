/**
 * Reads the `"answer"` string of a JSON object while it is still being
 * generated, so a JSON-constrained reply can stream to the visitor token by
 * token. Feed chunks in order; each call returns the newly decoded answer text.
 */
export class AnswerFieldStream {
  private raw = '';
  /** Index in `raw` where the answer's string value starts, once found. */
  private start = -1;
  private pos = 0;
  private done = false;

  push(chunk: string): string {
    this.raw += chunk;
    if (this.done) return '';
    if (this.start < 0) {
      const m = /"answer"\s*:\s*"/.exec(this.raw);
      if (!m) return '';
      this.start = this.pos = m.index + m[0].length;
    }
    let out = '';
    while (this.pos < this.raw.length) {
      const c = this.raw[this.pos]!;
      if (c === '"') {
        this.done = true;
        break;
      }
      if (c !== '\\') {
        out += c;
        this.pos++;
        continue;
      }
      const next = this.raw[this.pos + 1];
      if (next === undefined) break;
      if (next === 'u') {
        const hex = this.raw.slice(this.pos + 2, this.pos + 6);
        if (hex.length < 4) break;
        out += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
        continue;
      }
      out += ({ n: '\n', t: '\t', r: '', b: '', f: '', '/': '/', '\\': '\\', '"': '"' } as Record<string, string>)[next] ?? next;
      this.pos += 2;
    }
    return out;
  }

  /** A boolean field's value once it has been generated (`"answerable": false`), else undefined. */
  flag(name: string): boolean | undefined {
    const m = new RegExp(`"${name}"\\s*:\\s*(true|false)`).exec(this.raw);
    return m ? m[1] === 'true' : undefined;
  }

  /** Everything received so far. */
  get text(): string {
    return this.raw;
  }

  /** The whole reply parsed, or null when it is not (yet) valid JSON. */
  parsed(): unknown {
    try {
      return JSON.parse(this.raw);
    } catch {
      return null;
    }
  }
}
