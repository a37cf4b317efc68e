import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Enterprises. */
export class Initial1763800000000 implements MigrationInterface {
  name = 'Initial1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE enterprises.enterprise (
        id text PRIMARY KEY CHECK (id <> ''),
        name text NOT NULL CHECK (btrim(name) <> ''),
        ownership text NOT NULL CHECK (ownership IN ('CENTRAL_SOE', 'LOCAL_SOE', 'PRIVATE', 'MIXED', 'FOREIGN')),
        sector text NOT NULL,
        city text,
        province text,
        listed boolean NOT NULL DEFAULT false,
        capabilities text[] NOT NULL DEFAULT '{}',
        illustrative boolean NOT NULL DEFAULT false
      )`);
    // Keyset pagination by (name, id).
    await db.query(`CREATE INDEX enterprise_name_idx ON enterprises.enterprise (name, id)`);
    await db.query(`CREATE INDEX enterprise_ownership_idx ON enterprises.enterprise (ownership, name, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE enterprises.enterprise`);
  }
}
