import { readFileSync } from 'node:fs';
import { z } from 'zod';

const subgraphEntry = z.object({
  /** Lower-case name, also the audience of the gateway's proof to it. */
  name: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes'),
  /** Where the gateway sends its GraphQL requests. */
  url: z.url(),
  /**
   * Where to read the SDL instead of asking the running subgraph (`npm run compose`): a
   * `.graphql` file, or a member subgraph's folder (its parts joined as it serves them).
   */
  schema: z.string().optional(),
  /**
   * Name of the environment variable holding the secret the gateway signs its proof to
   * this subgraph with. Member subgraphs leave it out and share GATEWAY_SECRET; a
   * partner gets a secret of its own, so it cannot forge proofs for the others.
   */
  secretEnv: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*$/)
    .optional(),
  /**
   * A file holding that secret instead, read whenever it is needed: a partner can join a
   * running gateway without a restart (an environment variable arrives only with one).
   */
  secretFile: z.string().optional(),
});

const configFile = z.object({
  subgraphs: z
    .array(subgraphEntry)
    .min(1)
    .refine((list) => new Set(list.map((s) => s.name)).size === list.length, 'subgraph names must be unique'),
});

export type SubgraphEntry = z.infer<typeof subgraphEntry>;
export type SupergraphConfig = z.infer<typeof configFile>;

/** Parses a supergraph config; throws with every problem listed. */
export function parseSupergraphConfig(json: unknown, source = 'supergraph config'): SupergraphConfig {
  const parsed = configFile.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('\n');
    throw new Error(`${source} is invalid:\n${problems}`);
  }
  return parsed.data;
}

export function readSupergraphConfig(file: string): SupergraphConfig {
  return parseSupergraphConfig(JSON.parse(readFileSync(file, 'utf8')) as unknown, file);
}
