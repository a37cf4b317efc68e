import { useSyncExternalStore } from 'react';

/**
 * Who the app acts as: a member token kept in this browser's localStorage. The embedded
 * default hands out demo tokens (`/auth/demo`); in production a person pastes a token from
 * the organization's identity provider (or a login page sets it through `setSession`).
 */
export interface Session {
  token: string;
  /** What the menu shows, e.g. "Levima Advanced Materials · viewer". */
  label: string;
}

const KEY = 'alliance-graph.session';
const listeners = new Set<() => void>();

export function currentSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function setSession(session: Session | null): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  snapshot = session;
  listeners.forEach((listener) => listener());
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The session React renders from: one object per change, as useSyncExternalStore needs. */
let snapshot: Session | null | undefined;

function sessionSnapshot(): Session | null {
  if (snapshot === undefined) snapshot = currentSession();
  return snapshot;
}

/** The signed-in member, re-rendering on sign-in and sign-out: a view that queries depends on it. */
export function useSession(): Session | null {
  return useSyncExternalStore(onSessionChange, sessionSnapshot);
}
