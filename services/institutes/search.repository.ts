import type { DataSource } from 'typeorm';
import type { Caller } from '../../shared/identity';
import { searchStatement, type OwnerHits, type SearchRequest, type SearchSource } from '../../shared/search';
import { visibleAchievements } from './access';

/**
 * What the institutes subgraph contributes to the search across the graph: institutes
 * (public) and the achievements the caller may see, under the same rule as every other
 * read of achievements, in the statement itself: a hidden achievement is neither a hit nor
 * counted in a total.
 */
function sources(caller: Caller): { sources: SearchSource[]; params: Record<string, unknown> } {
  const visible = visibleAchievements(caller, 'a');
  return {
    sources: [
      {
        kind: 'ACHIEVEMENT',
        table: 'institutes.achievement',
        alias: 'a',
        id: 'a.id',
        fields: ['name', 'tags', 'text'],
        highlights: 'ARRAY[a.title, a.title_zh] || a.keywords',
        where: visible.sql,
      },
      {
        kind: 'INSTITUTE',
        table: 'institutes.institute',
        alias: 'i',
        id: 'i.id',
        fields: ['name', 'tags', 'text'],
        highlights: 'ARRAY[i.name, i.name_zh, i.short_name] || i.fields',
      },
    ],
    params: visible.params,
  };
}

/** The institutes subgraph's own hits for one search: one statement. */
export class InstituteSearchRepository {
  constructor(private readonly db: DataSource) {}

  search(request: SearchRequest, caller: Caller): Promise<OwnerHits> {
    const { sources: asked, params } = sources(caller);
    return searchStatement(this.db, 'institutes', asked, request, params);
  }
}
