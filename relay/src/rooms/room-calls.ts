import type * as Party from 'partykit/server';
import { PARTIES } from '../../../protocol/handoff.js';

/** One room asking another (or the HTTP app asking a room) over a party stub. */
export async function callRoom<T>(
  parties: Party.Context['parties'],
  party: keyof typeof PARTIES,
  roomId: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; data: T }> {
  const stub = parties[PARTIES[party]]?.get(roomId);
  if (!stub) throw new Error(`party "${PARTIES[party]}" is not registered in partykit.json`);
  const res = await stub.fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, data: (await res.json()) as T };
}

export const json = (data: unknown, status = 200) =>
  new Response(JSON.stringify(data), { status, headers: { 'content-type': 'application/json' } });

/** The last path segment of an internal call: `/parties/conversation/<id>/assign` → `assign`. */
export const action = (req: Party.Request) => new URL(req.url).pathname.split('/').filter(Boolean).at(-1) ?? '';
