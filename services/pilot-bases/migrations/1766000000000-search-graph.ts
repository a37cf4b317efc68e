import type { MigrationInterface, QueryRunner } from 'typeorm';
import { fillByIdSql, searchTokensFunctionSql } from '../../../shared/search';

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
    await db.query(`
      ALTER TABLE pilot_bases.pilot_base ADD COLUMN search_tokens text[] GENERATED ALWAYS AS (
        pilot_bases.search_tokens(ARRAY[name, name_zh, city, province] || focus_fields || ARRAY[description])
      ) STORED`);
    await db.query(`
      ALTER TABLE pilot_bases.facility ADD COLUMN search_tokens text[] GENERATED ALWAYS AS (
        pilot_bases.search_tokens(ARRAY[name, kind] || capabilities)
      ) STORED`);
    for (const table of ['pilot_base', 'facility']) {
      await db.query(
        `CREATE INDEX ${table}_search_tokens_idx ON pilot_bases.${table} USING gin (search_tokens)`,
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE pilot_bases.facility DROP COLUMN search_tokens`);
    await db.query(`ALTER TABLE pilot_bases.pilot_base DROP COLUMN search_tokens, DROP COLUMN name_zh`);
    await db.query(`DROP FUNCTION pilot_bases.search_tokens(text[])`);
  }
}
