import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFederation, type Federation } from './federation';

/**
 * The embedded default's demo sign-in (`/auth/demo`): the personas a person can act as, and
 * a token for one that the gateway accepts. Absent in production and wherever an identity
 * provider's key set checks tokens.
 */
const MEMBERS_ONLY = '{ achievement(id: "iccas-photoresist") { title visibility } }';

interface SignedIn {
  token: string;
  label: string;
  organization: string;
  roles: string[];
  expiresAt: string;
}

function origin(federation: Federation): string {
  return new URL(federation.url).origin;
}

async function signIn(federation: Federation, body: unknown): Promise<Response> {
  return fetch(`${origin(federation)}/auth/demo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('in the embedded default', () => {
  let federation: Federation;
  beforeAll(async () => {
    federation = await startFederation();
  });
  afterAll(async () => {
    await federation?.stop();
  });

  test('GET /auth/demo lists the demo personas', async () => {
    const response = await fetch(`${origin(federation)}/auth/demo`);
    expect(response.status).toBe(200);
    const { personas } = (await response.json()) as { personas: Record<string, unknown>[] };
    expect(personas.map((p) => p.id)).toEqual([
      'levima-viewer',
      'levima-editor',
      'dicp-editor',
      'secretariat',
      'cas-amif-editor',
      'tengzhou-editor',
    ]);
    expect(personas[0]).toEqual({
      id: 'levima-viewer',
      label: 'Levima Advanced Materials · viewer',
      organization: 'enterprise:levima',
      roles: ['VIEWER'],
    });
    expect(personas.find((p) => p.id === 'secretariat')).toEqual({
      id: 'secretariat',
      label: 'Alliance secretariat',
      organization: 'alliance:secretariat',
      roles: ['SECRETARIAT'],
    });
  });

  test("a persona's token shows a members-only achievement that anonymous callers do not see", async () => {
    const response = await signIn(federation, { persona: 'levima-viewer' });
    expect(response.status).toBe(200);
    const signedIn = (await response.json()) as SignedIn;
    expect(signedIn).toMatchObject({
      label: 'Levima Advanced Materials · viewer',
      organization: 'enterprise:levima',
      roles: ['VIEWER'],
    });
    // Eight hours, give or take the time the request took.
    const lifetime = Date.parse(signedIn.expiresAt) - Date.now();
    expect(lifetime).toBeGreaterThan(8 * 3600_000 - 60_000);
    expect(lifetime).toBeLessThanOrEqual(8 * 3600_000);

    const anonymous = await federation.query(MEMBERS_ONLY);
    expect(anonymous.data).toEqual({ achievement: null });
    const member = await federation.query(MEMBERS_ONLY, undefined, signedIn.token);
    expect(member.data).toEqual({
      achievement: { title: 'High-end photoresist resins (illustrative)', visibility: 'MEMBERS' },
    });
  });

  test('the secretariat persona may dock a project', async () => {
    const { token } = (await (await signIn(federation, { persona: 'secretariat' })).json()) as SignedIn;
    const created = await federation.query<{ createProject: { stage: string; history: { by: string }[] } }>(
      `mutation { createProject(input: { code: "AMA-2026-901", title: "Demo sign-in check",
        achievementId: "ciac-ppc", leadEnterpriseId: "levima" }) { stage history { by } } }`,
      undefined,
      token,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createProject.stage).toBe('DOCKING');
    expect(created.data?.createProject.history[0]?.by).toBe('alliance:secretariat#secretariat');
  });

  test('an unknown persona is a 400 naming the known ones', async () => {
    const response = await signIn(federation, { persona: 'root' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]?.message).toContain('levima-viewer');
  });
});

describe('in production', () => {
  let federation: Federation;
  beforeAll(async () => {
    federation = await startFederation({ production: true, seed: false });
  });
  afterAll(async () => {
    await federation?.stop();
  });

  test('there is no demo sign-in', async () => {
    expect((await fetch(`${origin(federation)}/auth/demo`)).status).toBe(404);
    expect((await signIn(federation, { persona: 'secretariat' })).status).toBe(404);
  });
});

describe('with an identity provider key set', () => {
  let federation: Federation;
  let keySet: http.Server;
  beforeAll(async () => {
    // Never asked: nobody presents a token here. Its URL alone switches the local key off.
    keySet = http.createServer((_req, res) => res.writeHead(200).end('{"keys":[]}'));
    await new Promise<void>((resolve) => keySet.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(keySet.address() as AddressInfo).port}/jwks.json`;
    federation = await startFederation({ jwksUrl: url, seed: false });
  });
  afterAll(async () => {
    await federation?.stop();
    await new Promise((resolve) => keySet?.close(resolve));
  });

  test('there is no demo sign-in', async () => {
    expect((await fetch(`${origin(federation)}/auth/demo`)).status).toBe(404);
    expect((await signIn(federation, { persona: 'secretariat' })).status).toBe(404);
  });
});
