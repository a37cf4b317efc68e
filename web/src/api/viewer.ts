import { useMemo } from 'react';
import { currentSession, useSession } from './session';

/**
 * Who the signed-in member is, read from the token's claims (`org`, `roles`) without
 * verifying it: the app uses it only to decide which buttons to offer. The gateway checks
 * the token on every request, and a refusal is still shown when the buttons guessed wrong.
 */
export interface Viewer {
  /** `institute:dicp`, `enterprise:levima`, `fund:cas-amif`, `alliance:secretariat`… */
  organization: string | null;
  roles: string[];
}

function claimsOf(token: string): Viewer | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const bytes = Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) =>
      c.charCodeAt(0),
    );
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as { org?: unknown; roles?: unknown };
    return {
      organization: typeof claims.org === 'string' ? claims.org : null,
      roles: Array.isArray(claims.roles)
        ? claims.roles.filter((r): r is string => typeof r === 'string')
        : [],
    };
  } catch {
    return null;
  }
}

export function currentViewer(): Viewer | null {
  const session = currentSession();
  return session ? claimsOf(session.token) : null;
}

/** The viewer, updated when someone signs in or out (one object per session). */
export function useViewer(): Viewer | null {
  const session = useSession();
  return useMemo(() => (session ? claimsOf(session.token) : null), [session]);
}

export function isSecretariat(viewer: Viewer | null): boolean {
  return viewer?.organization === 'alliance:secretariat' && viewer.roles.includes('SECRETARIAT');
}

/** An EDITOR of `organization`, e.g. `isEditorOf(viewer, 'enterprise:levima')`. */
export function isEditorOf(viewer: Viewer | null, organization: string): boolean {
  return viewer?.organization === organization && viewer.roles.includes('EDITOR');
}
