import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Institutes and their achievements. */
export class Initial1763800000000 implements MigrationInterface {
  name = 'Initial1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE institutes.institute (
        id text PRIMARY KEY CHECK (id <> ''),
        name text NOT NULL CHECK (btrim(name) <> ''),
        short_name text,
        parent_organization text,
        city text,
        province text,
        fields text[] NOT NULL DEFAULT '{}',
        website text,
        illustrative boolean NOT NULL DEFAULT false
      )`);
    await db.query(`
      CREATE TABLE institutes.achievement (
        id text PRIMARY KEY CHECK (id <> ''),
        institute_id text NOT NULL REFERENCES institutes.institute (id),
        title text NOT NULL CHECK (btrim(title) <> ''),
        summary text NOT NULL DEFAULT '',
        ipc_codes text[] NOT NULL DEFAULT '{}',
        keywords text[] NOT NULL DEFAULT '{}',
        trl int NOT NULL CHECK (trl BETWEEN 1 AND 9),
        visibility text NOT NULL DEFAULT 'PUBLIC' CHECK (visibility IN ('PUBLIC', 'MEMBERS', 'CONFIDENTIAL')),
        awards jsonb NOT NULL DEFAULT '[]',
        illustrative boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    // Keyset pagination walks (created_at, id) newest first; per-institute lists likewise.
    await db.query(
      `CREATE INDEX achievement_created_idx ON institutes.achievement (created_at DESC, id DESC)`,
    );
    await db.query(
      `CREATE INDEX achievement_institute_idx ON institutes.achievement (institute_id, created_at DESC, id DESC)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE institutes.achievement`);
    await db.query(`DROP TABLE institutes.institute`);
  }
}
