import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  dropSearchColumnsSql,
  fillByIdSql,
  searchColumnsSql,
  searchTokensFunctionSql,
} from '../../../shared/search';

/** Chinese names of the demo funds, as the CAS press renders them. */
const FUND_NAMES_ZH: Record<string, string> = {
  'cas-amif': '中国科学院先进材料产业基金',
  'zhejiang-amif': '浙江先进材料产业基金',
  'cas-holdings': '国科控股直接投资',
};

/**
 * The funds' part of the search across the graph (shared/search.ts): Chinese names, and
 * each fund's search tokens (Latin words and Chinese bigrams) in a generated, GIN-indexed
 * column, so every write keeps them and existing rows get them now.
 */
export class SearchGraph1766000000000 implements MigrationInterface {
  name = 'SearchGraph1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(searchTokensFunctionSql('funds'));
    await db.query(`ALTER TABLE funds.fund ADD COLUMN name_zh text`);
    await db.query(fillByIdSql('funds.fund', 'name_zh', FUND_NAMES_ZH));
    const searchable = searchColumnsSql('funds', 'fund', {
      name: 'ARRAY[name, name_zh]',
      tags: 'focus_areas',
      text: 'ARRAY[manager]',
    });
    for (const statement of searchable) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(dropSearchColumnsSql('funds', 'fund', ['name', 'tags', 'text']));
    await db.query(`ALTER TABLE funds.fund DROP COLUMN name_zh`);
    await db.query(`DROP FUNCTION funds.search_tokens(text[])`);
  }
}
