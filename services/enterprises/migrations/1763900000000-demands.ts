import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CANONICAL_IPC_PATTERN, ipcMatchLevelFunctionSql } from '../../../shared/ipc';
import { searchWordsFunctionSql } from '../../../shared/matching-rules';

/**
 * Technology demands of enterprises, and the SQL helpers matching them with achievements
 * uses (the same comparison of IPC fields as the institutes subgraph's).
 */
export class Demands1763900000000 implements MigrationInterface {
  name = 'Demands1763900000000';

  async up(db: QueryRunner): Promise<void> {
    // The same helpers as the institutes subgraph's, so both directions of matching agree.
    await db.query(searchWordsFunctionSql('enterprises'));
    await db.query(ipcMatchLevelFunctionSql('enterprises'));
    await db.query(`
      CREATE TABLE enterprises.technology_demand (
        id text PRIMARY KEY CHECK (id <> ''),
        enterprise_id text NOT NULL
          CONSTRAINT technology_demand_enterprise_fkey REFERENCES enterprises.enterprise (id),
        title text NOT NULL CONSTRAINT technology_demand_title_present CHECK (btrim(title) <> ''),
        description text NOT NULL DEFAULT '',
        ipc_code text NOT NULL
          CONSTRAINT technology_demand_ipc_code_format CHECK (ipc_code ~ '${CANONICAL_IPC_PATTERN}'),
        keywords text[] NOT NULL DEFAULT '{}'
          CONSTRAINT technology_demand_keywords_count CHECK (cardinality(keywords) <= 30),
        min_trl int NOT NULL CONSTRAINT technology_demand_min_trl_range CHECK (min_trl BETWEEN 1 AND 9),
        budget_amount numeric(18, 2)
          CONSTRAINT technology_demand_budget_positive CHECK (budget_amount > 0),
        budget_currency text NOT NULL DEFAULT 'CNY'
          CONSTRAINT technology_demand_budget_currency_format CHECK (budget_currency ~ '^[A-Z]{3}$'),
        deadline date,
        status text NOT NULL DEFAULT 'OPEN'
          CONSTRAINT technology_demand_status_check CHECK (status IN ('OPEN', 'IN_DOCKING', 'MATCHED', 'CLOSED')),
        illustrative boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // Keyset pagination newest first, overall and per enterprise; status and keyword filters.
    await db.query(
      `CREATE INDEX technology_demand_created_idx ON enterprises.technology_demand (created_at DESC, id DESC)`,
    );
    await db.query(`
      CREATE INDEX technology_demand_enterprise_idx
        ON enterprises.technology_demand (enterprise_id, created_at DESC, id DESC)`);
    await db.query(
      `CREATE INDEX technology_demand_status_idx ON enterprises.technology_demand (status, min_trl)`,
    );
    await db.query(
      `CREATE INDEX technology_demand_keywords_idx ON enterprises.technology_demand USING gin (keywords)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE enterprises.technology_demand`);
    await db.query(`DROP FUNCTION enterprises.ipc_match_level(text, text)`);
    await db.query(`DROP FUNCTION enterprises.words(text[])`);
  }
}
