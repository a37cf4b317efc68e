import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  dropSearchColumnsSql,
  fillByIdSql,
  searchColumnsSql,
  searchTokensFunctionSql,
} from '../../../shared/search';

/** The official Chinese names of the demo enterprises. */
const ENTERPRISE_NAMES_ZH: Record<string, string> = {
  levima: '联泓新材料科技股份有限公司',
  'sinopec-guangzhou-engineering': '中石化广州工程有限公司',
  'chengdu-organic-chemicals': '中国科学院成都有机化学有限公司',
  'guangzhou-chemical': '中国科学院广州化学有限公司',
};

/**
 * The enterprises' part of the search across the graph (shared/search.ts): Chinese names;
 * the products an enterprise makes (FL02528, its photovoltaic adhesive film, in the articles),
 * each with a Chinese name; and the search tokens (Latin words and Chinese bigrams) of
 * enterprises, products and demands in generated, GIN-indexed columns, so every write keeps
 * them and existing rows get them now.
 */
export class SearchGraph1766000000000 implements MigrationInterface {
  name = 'SearchGraph1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(searchTokensFunctionSql('enterprises'));
    await db.query(`ALTER TABLE enterprises.enterprise ADD COLUMN name_zh text`);
    await db.query(fillByIdSql('enterprises.enterprise', 'name_zh', ENTERPRISE_NAMES_ZH));
    await db.query(`
      CREATE TABLE enterprises.product (
        id text PRIMARY KEY CHECK (id <> ''),
        enterprise_id text NOT NULL CONSTRAINT product_enterprise_fkey REFERENCES enterprises.enterprise (id),
        name text NOT NULL CONSTRAINT product_name_present CHECK (btrim(name) <> ''),
        name_zh text,
        description text NOT NULL DEFAULT '',
        illustrative boolean NOT NULL DEFAULT false
      )`);
    await db.query(`CREATE INDEX product_enterprise_idx ON enterprises.product (enterprise_id, name, id)`);
    const searchable = [
      ...searchColumnsSql('enterprises', 'enterprise', {
        name: 'ARRAY[name, name_zh]',
        tags: 'capabilities',
        text: 'ARRAY[sector, city, province]',
      }),
      // A product's names weigh as its enterprise's capabilities do: the hit is the enterprise.
      ...searchColumnsSql('enterprises', 'product', {
        tags: 'ARRAY[name, name_zh]',
        text: 'ARRAY[description]',
      }),
      ...searchColumnsSql('enterprises', 'technology_demand', {
        name: 'ARRAY[title]',
        tags: 'keywords',
        text: 'ARRAY[description]',
      }),
    ];
    for (const statement of searchable) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(dropSearchColumnsSql('enterprises', 'technology_demand', ['name', 'tags', 'text']));
    await db.query(dropSearchColumnsSql('enterprises', 'enterprise', ['name', 'tags', 'text']));
    await db.query(`ALTER TABLE enterprises.enterprise DROP COLUMN name_zh`);
    await db.query(`DROP TABLE enterprises.product`);
    await db.query(`DROP FUNCTION enterprises.search_tokens(text[])`);
  }
}
