import type { GraphQLError } from 'graphql';
import type { Caller } from '../../shared/identity';
import type { Logger } from '../../shared/logger';
import type { PeerClient } from '../../shared/peers';
import {
  mergeHits,
  searchRequest,
  type ScoredHit,
  type OwnerHits,
  type SearchKind,
  type SearchRequest,
} from '../../shared/search';
import type { InstituteSearchRepository } from './search.repository';

/** How many records of a kind match; `error` when its owner did not answer (`count` then resolves to that error). */
export interface KindCount {
  kind: SearchKind;
  count: number | null;
  error?: GraphQLError;
}

/** What `searchGraph` resolves to. */
export interface GraphSearchResult {
  hits: ScoredHit[];
  totalCount: number;
  counts: KindCount[];
}

/** The other members that own searchable kinds, and the internal root field each answers with. */
const OWNERS: { subgraph: string; field: string; kinds: readonly SearchKind[] }[] = [
  { subgraph: 'enterprises', field: 'enterpriseSearchHits', kinds: ['ENTERPRISE', 'TECHNOLOGY_DEMAND'] },
  { subgraph: 'pilot-bases', field: 'pilotBaseSearchHits', kinds: ['PILOT_BASE', 'FACILITY'] },
  { subgraph: 'funds', field: 'fundSearchHits', kinds: ['FUND'] },
];

/** This subgraph's own kinds, searched without a round trip. */
const OWN_KINDS: readonly SearchKind[] = ['ACHIEVEMENT', 'INSTITUTE'];

/**
 * The search across the graph: each owner searches what it owns, as the caller, in one
 * statement (shared/search.ts); this subgraph, which owns search, asks the others at the
 * same time and merges their hits by the one score. No data is copied between subgraphs:
 * a hit is a kind, an id, a score and a highlight, and the gateway resolves the node from
 * its owner. An owner that does not answer costs its kinds, never the search.
 */
export class GraphSearch {
  constructor(
    private readonly own: InstituteSearchRepository,
    private readonly peers: PeerClient,
    private readonly caller: Caller,
    private readonly log: Logger,
  ) {}

  async search(
    text: string,
    first: number | null | undefined,
    kinds: readonly SearchKind[] | null | undefined,
  ): Promise<GraphSearchResult> {
    const request = searchRequest(text, first, kinds);
    const asked = (owned: readonly SearchKind[]): SearchKind[] =>
      request.kinds.filter((kind) => owned.includes(kind));
    const remote = OWNERS.filter((owner) => asked(owner.kinds).length > 0);
    const [own, ...answers] = await Promise.allSettled([
      this.own.search({ ...request, kinds: asked(OWN_KINDS) }, this.caller),
      ...remote.map((owner) =>
        this.ask(owner.subgraph, owner.field, { ...request, kinds: asked(owner.kinds) }),
      ),
    ]);
    // This subgraph's own database failing is a failed search, as for any other query.
    if (own.status === 'rejected') throw own.reason;
    const results: OwnerHits[] = [own.value];
    const missing: KindCount[] = [];
    answers.forEach((answer, at) => {
      if (answer.status === 'fulfilled') {
        results.push(answer.value);
        return;
      }
      // allSettled answers in the order it was asked: answer `at` is `remote[at]`'s.
      const owner = remote[at]!;
      this.log.warn({ subgraph: owner.subgraph, err: answer.reason }, 'search: an owner did not answer');
      for (const kind of asked(owner.kinds))
        missing.push({ kind, count: null, error: answer.reason as GraphQLError });
    });
    const counted = results.flatMap((result) => result.totals.map(({ kind, count }) => ({ kind, count })));
    const byKind = new Map<SearchKind, KindCount>(
      [...counted, ...missing].map((count) => [count.kind, count]),
    );
    return {
      hits: mergeHits(
        results.map((result) => result.hits),
        request.first,
      ),
      totalCount: counted.reduce((sum, { count }) => sum + count, 0),
      counts: request.kinds.map((kind) => byKind.get(kind)!),
    };
  }

  private async ask(subgraph: string, field: string, request: SearchRequest): Promise<OwnerHits> {
    const data = await this.peers.query<{ result: OwnerHits }>(
      subgraph,
      `query($text: String!, $first: Int!, $kinds: [SearchKind!]!) {
        result: ${field}(text: $text, first: $first, kinds: $kinds) {
          hits { kind id score highlight }
          totals { kind count }
        }
      }`,
      { text: request.text, first: request.first, kinds: request.kinds },
      this.caller,
    );
    return data.result;
  }
}
