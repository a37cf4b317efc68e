import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The alliance's member register. */
export class Members1763900001000 implements MigrationInterface {
  name = 'Members1763900001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alliance.member (
        id text PRIMARY KEY CHECK (id <> ''),
        organization_type text CHECK (organization_type IN ('institute', 'enterprise', 'fund', 'pilot-base')),
        organization_id text CHECK (organization_id <> ''),
        registered_name text CHECK (btrim(registered_name) <> ''),
        role text NOT NULL CHECK (role IN ('CHAIRMAN_UNIT', 'GOVERNING_UNIT', 'MEMBER', 'SPECIALLY_INVITED')),
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED', 'WITHDRAWN')),
        joined_on date NOT NULL,
        left_on date,
        illustrative boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT member_organization_key CHECK ((organization_type IS NULL) = (organization_id IS NULL)),
        CONSTRAINT member_named CHECK (organization_id IS NOT NULL OR registered_name IS NOT NULL),
        CONSTRAINT member_left_when_withdrawn CHECK ((status = 'WITHDRAWN') = (left_on IS NOT NULL)),
        CONSTRAINT member_left_after_joined CHECK (left_on >= joined_on),
        CONSTRAINT member_organization_once UNIQUE (organization_type, organization_id)
      )`);
    // One chairman unit at a time, whatever the concurrency.
    await db.query(`
      CREATE UNIQUE INDEX member_one_chairman ON alliance.member ((true))
        WHERE role = 'CHAIRMAN_UNIT' AND status <> 'WITHDRAWN'`);
    // The register in joining order (keyset pagination), and the reverse lookup by organization.
    await db.query(`CREATE INDEX member_joined_idx ON alliance.member (joined_on, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE alliance.member`);
  }
}
