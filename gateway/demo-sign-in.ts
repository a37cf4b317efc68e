import express, { type Router } from 'express';
import { parseOrganization, type Role } from '../shared/identity';
import { signLocalToken, type TokenVerifierOptions } from './auth';

/** One member a person can act as in the embedded default, without an identity provider. */
export interface DemoPersona {
  id: string;
  label: string;
  /** `type:id`, as tokens carry it. */
  organization: string;
  roles: Role[];
}

/**
 * The demo members: one per kind of organization, with the roles the README's examples
 * use. The web app's menu and the explorer's picker list them from `GET /auth/demo`.
 */
export const DEMO_PERSONAS: readonly DemoPersona[] = [
  {
    id: 'levima-viewer',
    label: 'Levima Advanced Materials · viewer',
    organization: 'enterprise:levima',
    roles: ['VIEWER'],
  },
  {
    id: 'levima-editor',
    label: 'Levima Advanced Materials · editor',
    organization: 'enterprise:levima',
    roles: ['EDITOR'],
  },
  {
    id: 'dicp-editor',
    label: 'Dalian Institute of Chemical Physics · editor',
    organization: 'institute:dicp',
    roles: ['EDITOR'],
  },
  {
    id: 'secretariat',
    label: 'Alliance secretariat',
    organization: 'alliance:secretariat',
    roles: ['SECRETARIAT'],
  },
  {
    id: 'cas-amif-editor',
    label: 'CAS Advanced Materials Industry Fund · editor',
    organization: 'fund:cas-amif',
    roles: ['EDITOR'],
  },
  {
    id: 'tengzhou-editor',
    label: 'Tengzhou Pilot Transformation Base · editor',
    organization: 'pilot-base:tengzhou',
    roles: ['EDITOR'],
  },
];

/** How long a demo token lasts: a working day. */
const LIFETIME_SECONDS = 8 * 60 * 60;

/** What signs demo tokens: the local key the gateway also checks tokens with. */
export interface DemoSignInOptions {
  localSecret: Uint8Array;
  issuer: string;
  audience: string;
}

/**
 * `GET /auth/demo` lists the personas; `POST /auth/demo` with `{ "persona": "<id>" }` signs
 * an 8-hour token for one. Only for the embedded default: the caller mounts it neither in
 * production nor when an identity provider's key set checks tokens (a local key would then
 * sign tokens nobody accepts, or, worse, that the gateway accepts from anyone).
 */
export function demoSignIn(options: DemoSignInOptions): Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.set('cache-control', 'no-store').json({ personas: DEMO_PERSONAS });
  });
  router.post('/', express.json({ limit: 1_000 }), async (req, res, next) => {
    try {
      const id: unknown = (req.body as { persona?: unknown } | undefined)?.persona;
      const persona = DEMO_PERSONAS.find((p) => p.id === id);
      if (!persona) {
        res.status(400).json({
          errors: [
            {
              message: `Unknown persona ${JSON.stringify(id ?? null)}; one of: ${DEMO_PERSONAS.map((p) => p.id).join(', ')}`,
              extensions: { code: 'BAD_USER_INPUT', field: 'persona' },
            },
          ],
        });
        return;
      }
      const expiresAt = Math.floor(Date.now() / 1000) + LIFETIME_SECONDS;
      const token = await signLocalToken(
        options.localSecret,
        {
          subject: `${persona.organization}#${persona.id}`,
          organization: parseOrganization(persona.organization)!,
          roles: persona.roles,
          expiresIn: expiresAt,
        },
        options.issuer,
        options.audience,
      );
      res.set('cache-control', 'no-store').json({
        token,
        label: persona.label,
        organization: persona.organization,
        roles: persona.roles,
        expiresAt: new Date(expiresAt * 1000).toISOString(),
      });
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/**
 * Whether the gateway signs demo tokens: only the embedded default's local key, outside
 * production and without an identity provider's key set (which wins over the local key).
 */
export function demoSignInFor(
  auth: TokenVerifierOptions,
  production: boolean,
): DemoSignInOptions | undefined {
  if (production || auth.jwksUrl || !auth.localSecret) return undefined;
  return { localSecret: auth.localSecret, issuer: auth.issuer, audience: auth.audience };
}
