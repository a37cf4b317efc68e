import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  dropSearchColumnsSql,
  fillByIdSql,
  searchColumnsSql,
  searchTokensFunctionSql,
} from '../../../shared/search';

/** The official Chinese names of the demo institutes. */
const INSTITUTE_NAMES_ZH: Record<string, string> = {
  dicp: '中国科学院大连化学物理研究所',
  ciac: '中国科学院长春应用化学研究所',
  iccas: '中国科学院化学研究所',
};

/** Chinese titles of the demo achievements (DMTO's as DICP names it; the rest translate illustrative titles). */
const ACHIEVEMENT_TITLES_ZH: Record<string, string> = {
  dmto: 'DMTO：甲醇制烯烃技术',
  'ciac-ppc': '二氧化碳基生物降解聚碳酸酯',
  'iccas-photoresist': '高端光刻胶树脂',
  'dicp-sapo34-catalyst': '甲醇制烯烃SAPO-34催化剂',
  'ciac-pla-tableware': '一次性餐具用耐热聚乳酸',
  'ciac-halogen-free-cable': '无卤阻燃EVA电缆料',
  'ciac-pv-encapsulant': '抗PID光伏POE封装胶膜',
  'iccas-polyimide-film': '柔性显示用无色聚酰亚胺薄膜',
  'ciac-eva-crosslinking': '快速固化EVA胶膜配方',
  'iccas-silicon-anode': '硅碳复合负极材料',
  'iccas-packaging-emc': '功率半导体用低应力环氧塑封料',
  'iccas-arf-photoresist': 'ArF光刻胶单体',
  'dicp-perovskite-pv': '钙钛矿太阳能电池组件',
};

/**
 * The institutes' part of the search across the graph (shared/search.ts): Chinese names
 * beside the English ones, and each institute's and achievement's search tokens (Latin
 * words and Chinese bigrams) of its name, tags and text in generated, GIN-indexed columns,
 * so every write keeps them and existing rows get them now.
 */
export class SearchGraph1766000000000 implements MigrationInterface {
  name = 'SearchGraph1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(searchTokensFunctionSql('institutes'));
    await db.query(`ALTER TABLE institutes.institute ADD COLUMN name_zh text`);
    await db.query(`ALTER TABLE institutes.achievement ADD COLUMN title_zh text`);
    await db.query(fillByIdSql('institutes.institute', 'name_zh', INSTITUTE_NAMES_ZH));
    await db.query(fillByIdSql('institutes.achievement', 'title_zh', ACHIEVEMENT_TITLES_ZH));
    const searchable = [
      ...searchColumnsSql('institutes', 'institute', {
        name: 'ARRAY[name, name_zh, short_name]',
        tags: 'fields',
        text: 'ARRAY[parent_organization, city, province]',
      }),
      ...searchColumnsSql('institutes', 'achievement', {
        name: 'ARRAY[title, title_zh]',
        tags: 'keywords',
        text: 'ARRAY[summary]',
      }),
    ];
    for (const statement of searchable) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(dropSearchColumnsSql('institutes', 'achievement', ['name', 'tags', 'text']));
    await db.query(dropSearchColumnsSql('institutes', 'institute', ['name', 'tags', 'text']));
    await db.query(`ALTER TABLE institutes.achievement DROP COLUMN title_zh`);
    await db.query(`ALTER TABLE institutes.institute DROP COLUMN name_zh`);
    await db.query(`DROP FUNCTION institutes.search_tokens(text[])`);
  }
}
