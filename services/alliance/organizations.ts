import { NotFoundError } from '../../shared/errors';
import type { Caller } from '../../shared/identity';
import type { PeerClient } from '../../shared/peers';

/**
 * Organizations and researchers the alliance refers to by key. The alliance stores the
 * key (type and id, spelled as tokens spell organizations: `institute:dicp`); the
 * subgraph that owns the entity resolves it, and checks it exists before a key is stored.
 */
export const PARTY_KINDS = {
  institute: { api: 'INSTITUTE', subgraph: 'institutes', typename: 'Institute' },
  enterprise: { api: 'ENTERPRISE', subgraph: 'enterprises', typename: 'Enterprise' },
  fund: { api: 'FUND', subgraph: 'funds', typename: 'Fund' },
  'pilot-base': { api: 'PILOT_BASE', subgraph: 'pilot-bases', typename: 'PilotBase' },
  researcher: { api: 'RESEARCHER', subgraph: 'institutes', typename: 'Researcher' },
} as const;

/** A party kind as stored: the organization types of tokens, plus `researcher`. */
export type PartyKind = keyof typeof PARTY_KINDS;
/** Organizations only (members, expert affiliations). */
export type OrganizationKind = Exclude<PartyKind, 'researcher'>;
/** The same kinds as the API's enums spell them (`PILOT_BASE`). */
export type PartyTypeApi = (typeof PARTY_KINDS)[PartyKind]['api'];

export interface PartyKey {
  kind: PartyKind;
  id: string;
}

export function kindOfApi(api: PartyTypeApi): PartyKind {
  const found = (Object.keys(PARTY_KINDS) as PartyKind[]).find((kind) => PARTY_KINDS[kind].api === api);
  // GraphQL has already checked the enum value, so this only guards against a schema/code mismatch.
  if (!found) throw new Error(`unknown party type ${String(api)}`);
  return found;
}

export function apiOfKind<K extends PartyKind>(kind: K): (typeof PARTY_KINDS)[K]['api'] {
  return PARTY_KINDS[kind].api;
}

/** The entity reference the gateway resolves in the owning subgraph (a union member). */
export function entityRef<K extends PartyKind>(key: {
  kind: K;
  id: string;
}): { __typename: (typeof PARTY_KINDS)[K]['typename']; id: string } {
  return { __typename: PARTY_KINDS[key.kind].typename, id: key.id };
}

/** The reference to a member's organization or an expert's affiliation; null when none is recorded. */
export function organizationRef(type: OrganizationKind | null, id: string | null) {
  return type && id ? entityRef({ kind: type, id }) : null;
}

/**
 * Checks with the owning subgraphs, as the caller sees them, that every key names an
 * existing entity; throws NOT_FOUND naming the field of the first missing one.
 * One request per owning type, in parallel.
 */
export async function assertExisting(
  peers: PeerClient,
  caller: Caller,
  keys: { key: PartyKey; field: string }[],
): Promise<void> {
  const byKind = new Map<PartyKind, string[]>();
  for (const { key } of keys) byKind.set(key.kind, [...(byKind.get(key.kind) ?? []), key.id]);
  const found = new Map<PartyKind, Set<string>>();
  await Promise.all(
    [...byKind].map(async ([kind, ids]) => {
      const { subgraph, typename } = PARTY_KINDS[kind];
      found.set(kind, await peers.existing(subgraph, typename, [...new Set(ids)], caller));
    }),
  );
  for (const { key, field } of keys) {
    if (!found.get(key.kind)?.has(key.id))
      throw new NotFoundError(PARTY_KINDS[key.kind].typename, key.id, field);
  }
}
