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
    from: 'enterprises.enterprise e',
    id: 'e.id',
    tokens: 'e.search_tokens',
    name: 'ARRAY[e.name, e.name_zh]',
    tags: 'e.capabilities',
    text: 'ARRAY[e.sector, e.city, e.province]',
    highlights: 'ARRAY[e.name, e.name_zh] || e.capabilities',
  },
  {
    kind: 'ENTERPRISE',
    from: 'enterprises.product p',
    id: 'p.enterprise_id',
    tokens: 'p.search_tokens',
    name: `CAST('{}' AS text[])`,
    tags: 'ARRAY[p.name, p.name_zh]',
    text: 'ARRAY[p.description]',
    highlights: 'ARRAY[p.name, p.name_zh]',
  },
  {
    kind: 'TECHNOLOGY_DEMAND',
    from: 'enterprises.technology_demand d',
    id: 'd.id',
    tokens: 'd.search_tokens',
    name: 'ARRAY[d.title]',
    tags: 'd.keywords',
    text: 'ARRAY[d.description]',
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
