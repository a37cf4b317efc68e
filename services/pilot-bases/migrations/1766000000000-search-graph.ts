import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  dropSearchColumnsSql,
  fillByIdSql,
  searchColumnsSql,
  searchTokensFunctionSql,
} from '../../../shared/search';

/** The Chinese names of the demo pilot bases. */
const BASE_NAMES_ZH: Record<string, string> = {
  tengzhou: '滕州中试转化基地',
  shangyu: '上虞中试基地',
};

/**
 * The pilot bases' part of the search across the graph (shared/search.ts): Chinese names of
 * bases, and the search tokens (Latin words and Chinese bigrams) of bases and facilities in
 * generated, GIN-indexed columns, so every write keeps them and existing rows get them now.
 */
export class SearchGraph1766000000000 implements MigrationInterface {
  name = 'SearchGraph1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(searchTokensFunctionSql('pilot_bases'));
    await db.query(`ALTER TABLE pilot_bases.pilot_base ADD COLUMN name_zh text`);
    await db.query(fillByIdSql('pilot_bases.pilot_base', 'name_zh', BASE_NAMES_ZH));
    const searchable = [
      ...searchColumnsSql('pilot_bases', 'pilot_base', {
        name: 'ARRAY[name, name_zh]',
        tags: 'focus_fields',
        text: 'ARRAY[city, province, description]',
      }),
      ...searchColumnsSql('pilot_bases', 'facility', {
        name: 'ARRAY[name]',
        tags: 'capabilities',
        text: 'ARRAY[kind]',
      }),
    ];
    for (const statement of searchable) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(dropSearchColumnsSql('pilot_bases', 'facility', ['name', 'tags', 'text']));
    await db.query(dropSearchColumnsSql('pilot_bases', 'pilot_base', ['name', 'tags', 'text']));
    await db.query(`ALTER TABLE pilot_bases.pilot_base DROP COLUMN name_zh`);
    await db.query(`DROP FUNCTION pilot_bases.search_tokens(text[])`);
  }
}
