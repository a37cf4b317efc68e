import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Pilot bases, their facilities, and bookings that never overlap. */
export class Initial1763800000000 implements MigrationInterface {
  name = 'Initial1763800000000';

  async up(db: QueryRunner): Promise<void> {
    // btree_gist lets one exclusion constraint combine equality (facility) and overlap (period).
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA public`);
    await db.query(`
      CREATE TABLE pilot_bases.pilot_base (
        id text PRIMARY KEY CHECK (id <> ''),
        name text NOT NULL CHECK (btrim(name) <> ''),
        city text NOT NULL,
        province text NOT NULL,
        operator_id text,
        status text NOT NULL CHECK (status IN ('PLANNED', 'UNDER_CONSTRUCTION', 'OPERATING')),
        focus_fields text[] NOT NULL DEFAULT '{}',
        description text NOT NULL DEFAULT '',
        illustrative boolean NOT NULL DEFAULT false
      )`);
    await db.query(`CREATE INDEX pilot_base_operator_idx ON pilot_bases.pilot_base (operator_id)`);
    await db.query(`
      CREATE TABLE pilot_bases.facility (
        id text PRIMARY KEY CHECK (id <> ''),
        base_id text NOT NULL REFERENCES pilot_bases.pilot_base (id),
        name text NOT NULL CHECK (btrim(name) <> ''),
        kind text NOT NULL,
        capabilities text[] NOT NULL DEFAULT '{}',
        capacity numeric CHECK (capacity > 0),
        capacity_unit text,
        sharing text NOT NULL CHECK (sharing IN ('MEMBERS_ONLY', 'OPEN')),
        daily_rate numeric(18, 2) NOT NULL CHECK (daily_rate >= 0),
        illustrative boolean NOT NULL DEFAULT false
      )`);
    await db.query(`CREATE INDEX facility_base_idx ON pilot_bases.facility (base_id, name)`);
    await db.query(`
      CREATE TABLE pilot_bases.booking (
        id text PRIMARY KEY CHECK (id <> ''),
        facility_id text NOT NULL REFERENCES pilot_bases.facility (id),
        project_id text NOT NULL,
        period daterange NOT NULL CHECK (NOT isempty(period) AND lower_inc(period) AND NOT upper_inc(period)
          AND NOT lower_inf(period) AND NOT upper_inf(period)),
        start_on date GENERATED ALWAYS AS (lower(period)) STORED,
        end_on date GENERATED ALWAYS AS (upper(period)) STORED,
        purpose text NOT NULL CHECK (btrim(purpose) <> ''),
        status text NOT NULL CHECK (status IN ('REQUESTED', 'CONFIRMED', 'RUNNING', 'COMPLETED', 'CANCELLED')),
        outcome text,
        illustrative boolean NOT NULL DEFAULT false,
        -- Two bookings of one facility that are not cancelled never overlap, whatever the
        -- concurrency: PostgreSQL refuses the second one.
        CONSTRAINT booking_no_overlap EXCLUDE USING gist (facility_id WITH =, period WITH &&)
          WHERE (status <> 'CANCELLED')
      )`);
    await db.query(`CREATE INDEX booking_project_idx ON pilot_bases.booking (project_id, start_on)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE pilot_bases.booking`);
    await db.query(`DROP TABLE pilot_bases.facility`);
    await db.query(`DROP TABLE pilot_bases.pilot_base`);
  }
}
