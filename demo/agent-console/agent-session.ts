import type { AgentSession } from '../../protocol/handoff.js';

const KEY = 'agent-console:session';

async function post<T>(url: URL, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const data = (await res.json().catch(() => null)) as (T & { message?: string }) | null;
  if (!res.ok || !data) throw new Error(data?.message ?? `The relay answered ${res.status}.`);
  return data;
}

/** DEMO ONLY: signs in with just a name (the relay must run with DEMO=1). */
export function demoSignIn(relay: string, name: string, role: 'agent' | 'supervisor', site: string): Promise<AgentSession> {
  return post<AgentSession>(new URL('/api/agents/demo-sign-in', relay), { name, role, site });
}

/** A fresh token for the same agent, before the current one expires. */
export function refreshSession(relay: string, session: AgentSession): Promise<AgentSession> {
  return post<AgentSession>(new URL('/api/agents/token', relay), {}, session.token);
}

/** Kept per tab, so a reload stays signed in and closing the tab signs out. */
export const savedSession = {
  get(): AgentSession | null {
    try {
      const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as AgentSession | null;
      return s && s.expiresAt > Date.now() ? s : null;
    } catch {
      return null;
    }
  },
  put(s: AgentSession | null) {
    try {
      if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
      else sessionStorage.removeItem(KEY);
    } catch {
      // storage blocked: the session lives as long as the page
    }
  },
};
