import { tryParseJSONC, useGraphiQL } from '@graphiql/react';
import { useEffect, useId, useState } from 'react';

interface Persona {
  id: string;
  label: string;
}

/**
 * "Sign in as": the embedded default's demo members (`/auth/demo`). Choosing one puts its
 * token into the header editor's Authorization header, so a person sees exactly what is
 * sent; "anonymous" takes it out. Absent where the gateway offers no demo sign-in
 * (production): there a token is pasted into the header editor.
 */
export function SignInPicker() {
  const headerEditor = useGraphiQL((state) => state.headerEditor);
  const [personas, setPersonas] = useState<Persona[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    fetch('/auth/demo')
      .then((response) => (response.ok ? (response.json() as Promise<{ personas: Persona[] }>) : null))
      .then((body) => setPersonas(body?.personas ?? null))
      .catch(() => setPersonas(null));
  }, []);

  if (!personas) return null;

  async function choose(persona: string): Promise<void> {
    setChosen(persona);
    setProblem(null);
    let authorization: string | undefined;
    if (persona) {
      const response = await fetch('/auth/demo', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona }),
      });
      if (!response.ok) {
        setProblem('Sign-in failed');
        return;
      }
      authorization = `Bearer ${((await response.json()) as { token: string }).token}`;
    }
    const headers = tryParseJSONC(headerEditor?.getValue()) ?? {};
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
    if (authorization) headers.Authorization = authorization;
    headerEditor?.setValue(JSON.stringify(headers, null, 2));
  }

  return (
    <span className="explorer-sign-in">
      <label htmlFor={id}>Sign in as</label>
      {/* Enabled once Monaco has made the header editor the token goes into. */}
      <select
        id={id}
        value={chosen}
        disabled={!headerEditor}
        onChange={(event) => void choose(event.target.value)}
      >
        <option value="">anonymous</option>
        {personas.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
      {problem && <span role="alert">{problem}</span>}
    </span>
  );
}
