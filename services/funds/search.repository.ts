import type { DataSource } from 'typeorm';
import { searchStatement, type OwnerHits, type SearchRequest, type SearchSource } from '../../shared/search';

/** What the funds subgraph contributes to the search across the graph: funds, which are public. */
const SOURCES: SearchSource[] = [
  {
    kind: 'FUND',
    table: 'funds.fund',
    alias: 'f',
    id: 'f.id',
    fields: ['name', 'tags', 'text'],
    highlights: 'ARRAY[f.name, f.name_zh] || f.focus_areas',
  },
];

/** The funds subgraph's hits for one search: one statement. */
export class FundSearchRepository {
  constructor(private readonly db: DataSource) {}

  search(request: SearchRequest): Promise<OwnerHits> {
    return searchStatement(this.db, 'funds', SOURCES, request);
  }
}
