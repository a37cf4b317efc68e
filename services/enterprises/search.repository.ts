import type { DataSource } from 'typeorm';
import { searchStatement, type OwnerHits, type SearchRequest, type SearchSource } from '../../shared/search';

/**
 * What the enterprises subgraph contributes to the search across the graph: enterprises by
 * their names and capabilities, enterprises by their products (the hit is the enterprise,
 * the product's name its highlight; products weigh as capabilities do), and technology
 * demands. Enterprises, products and demands are public.
 */
const SOURCES: SearchSource[] = [
  {
    kind: 'ENTERPRISE',
    table: 'enterprises.enterprise',
    alias: 'e',
    id: 'e.id',
    fields: ['name', 'tags', 'text'],
    highlights: 'ARRAY[e.name, e.name_zh] || e.capabilities',
  },
  {
    kind: 'ENTERPRISE',
    table: 'enterprises.product',
    alias: 'p',
    id: 'p.enterprise_id',
    fields: ['tags', 'text'],
    highlights: 'ARRAY[p.name, p.name_zh]',
  },
  {
    kind: 'TECHNOLOGY_DEMAND',
    table: 'enterprises.technology_demand',
    alias: 'd',
    id: 'd.id',
    fields: ['name', 'tags', 'text'],
    highlights: 'ARRAY[d.title] || d.keywords',
  },
];

/** The enterprises subgraph's hits for one search: one statement. */
export class EnterpriseSearchRepository {
  constructor(private readonly db: DataSource) {}

  search(request: SearchRequest): Promise<OwnerHits> {
    return searchStatement(this.db, 'enterprises', SOURCES, request);
  }
}
