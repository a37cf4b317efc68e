import { useEffect, useId, useState, type FormEvent } from 'react';
import { setSession, useSession } from './api/session';
import { useText } from './i18n';

interface Persona {
  id: string;
  label: string;
  organization: string;
  roles: string[];
}

const text = {
  en: {
    signInAs: 'Sign in as',
    choose: 'Choose a member…',
    signedInAs: 'Signed in as',
    signOut: 'Sign out',
    token: 'Member token',
    tokenHint: 'Paste a token from your organization’s identity provider',
    signIn: 'Sign in',
    notAToken: 'This is not a member token (a JWT with an organization).',
    failed: 'Sign-in failed; try again.',
  },
  zh: {
    signInAs: '登录身份',
    choose: '选择成员单位…',
    signedInAs: '当前身份',
    signOut: '退出',
    token: '成员令牌',
    tokenHint: '粘贴贵单位身份提供方签发的令牌',
    signIn: '登录',
    notAToken: '这不是成员令牌（需为含单位信息的 JWT）。',
    failed: '登录失败，请重试。',
  },
};

/**
 * What a pasted token says about its holder, for the menu: its organization and roles. The
 * gateway checks the signature; this only reads the claims to show who the app acts as.
 */
function labelOfToken(token: string): string | null {
  const parts = token.split('.');
  const payload = parts[1];
  if (parts.length !== 3 || payload === undefined) return null;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const claims = JSON.parse(atob(base64)) as { org?: unknown; roles?: unknown };
    if (typeof claims.org !== 'string') return null;
    const roles = Array.isArray(claims.roles) ? claims.roles.join(', ') : '';
    return roles ? `${claims.org} · ${roles}` : claims.org;
  } catch {
    return null;
  }
}

/**
 * The header's sign-in menu. Where the gateway offers demo members (`GET /auth/demo`, the
 * embedded default) a person picks one; where it does not (404: production) a person
 * pastes a token. Signed in, it shows who the app acts as and offers "Sign out"; views
 * query again on every change (useSession).
 */
export function SignIn() {
  const t = useText(text);
  const session = useSession();
  // undefined: still asking; null: no demo sign-in here, so a token field.
  const [personas, setPersonas] = useState<Persona[] | null | undefined>(undefined);
  const [problem, setProblem] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const selectId = useId();
  const tokenId = useId();

  useEffect(() => {
    let current = true;
    fetch('/auth/demo')
      .then((response) => (response.ok ? (response.json() as Promise<{ personas: Persona[] }>) : null))
      .then((body) => current && setPersonas(body?.personas ?? null))
      .catch(() => current && setPersonas(null));
    return () => {
      current = false;
    };
  }, []);

  async function signInAs(persona: string): Promise<void> {
    setProblem(null);
    try {
      const response = await fetch('/auth/demo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona }),
      });
      if (!response.ok) throw new Error(String(response.status));
      const { token, label } = (await response.json()) as { token: string; label: string };
      setSession({ token, label });
    } catch {
      setProblem(t.failed);
    }
  }

  function signInWithToken(event: FormEvent): void {
    event.preventDefault();
    const token = pasted.trim().replace(/^Bearer\s+/i, '');
    const label = labelOfToken(token);
    if (!label) {
      setProblem(t.notAToken);
      return;
    }
    setProblem(null);
    setPasted('');
    setSession({ token, label });
  }

  if (session) {
    return (
      <div className="sign-in">
        <span>
          {t.signedInAs} <strong>{session.label}</strong>
        </span>
        <button type="button" onClick={() => setSession(null)}>
          {t.signOut}
        </button>
      </div>
    );
  }
  if (personas === undefined) return <div className="sign-in" />;
  return (
    <div className="sign-in">
      {personas ? (
        <>
          <label htmlFor={selectId}>{t.signInAs}</label>
          <select id={selectId} value="" onChange={(event) => void signInAs(event.target.value)}>
            <option value="" disabled>
              {t.choose}
            </option>
            {personas.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </>
      ) : (
        <form onSubmit={signInWithToken}>
          <label htmlFor={tokenId}>{t.token}</label>
          <input
            id={tokenId}
            type="password"
            autoComplete="off"
            placeholder={t.tokenHint}
            value={pasted}
            onChange={(event) => setPasted(event.target.value)}
          />
          <button type="submit">{t.signIn}</button>
        </form>
      )}
      {problem && <span role="alert">{problem}</span>}
    </div>
  );
}
