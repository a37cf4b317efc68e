import type { DataSource } from 'typeorm';
import { searchStatement, type OwnerHits, type SearchRequest, type SearchSource } from '../../shared/search';

/**
 * What the pilot-bases subgraph contributes to the search across the graph: bases and
 * facilities, public profiles (bookings, members' data, are not searched).
 */
const SOURCES: SearchSource[] = [
  {
    kind: 'PILOT_BASE',
    from: 'pilot_bases.pilot_base b',
    id: 'b.id',
    tokens: 'b.search_tokens',
    name: 'ARRAY[b.name, b.name_zh]',
    tags: 'b.focus_fields',
    text: 'ARRAY[b.city, b.province, b.description]',
    highlights: 'ARRAY[b.name, b.name_zh] || b.focus_fields',
  },
  {
    kind: 'FACILITY',
    from: 'pilot_bases.facility f',
    id: 'f.id',
    tokens: 'f.search_tokens',
    name: 'ARRAY[f.name]',
    tags: 'f.capabilities',
    text: 'ARRAY[f.kind]',
    highlights: 'ARRAY[f.name] || f.capabilities',
  },
];

/** The pilot-bases subgraph's hits for one search: one statement. */
export class PilotBaseSearchRepository {
  constructor(private readonly db: DataSource) {}

  search(request: SearchRequest): Promise<OwnerHits> {
    return searchStatement(this.db, 'pilot_bases', SOURCES, request);
  }
}
