import * as v from 'valibot';

/**
 * Validates one WebSocket frame against a room's client schema. Binary,
 * oversized and non-JSON frames are refused like any other bad message.
 */
export function parseIncoming<S extends v.GenericSchema>(
  raw: string | ArrayBuffer | ArrayBufferView,
  schema: S,
  maxChars: number,
): { ok: true; message: v.InferOutput<S> } | { ok: false; reason: string } {
  if (typeof raw !== 'string') return { ok: false, reason: 'binary frames are not accepted' };
  if (raw.length > maxChars) return { ok: false, reason: `frame longer than ${maxChars} characters` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const result = v.safeParse(schema, parsed);
  return result.success ? { ok: true, message: result.output } : { ok: false, reason: result.issues[0]?.message ?? 'invalid' };
}
