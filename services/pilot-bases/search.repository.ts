import type { DataSource } from 'typeorm';
import { searchStatement, type OwnerHits, type SearchRequest, type SearchSource } from '../../shared/search';

/**
 * What the pilot-bases subgraph contributes to the search across the graph: bases and
 * facilities, public profiles (bookings, members' data, are not searched).
 */
const SOURCES: SearchSource[] = [
  {
    kind: 'PILOT_BASE',
    table: 'pilot_bases.pilot_base',
    alias: 'b',
    id: 'b.id',
    fields: ['name', 'tags', 'text'],
    highlights: 'ARRAY[b.name, b.name_zh] || b.focus_fields',
  },
  {
    kind: 'FACILITY',
    table: 'pilot_bases.facility',
    alias: 'f',
    id: 'f.id',
    fields: ['name', 'tags', 'text'],
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
