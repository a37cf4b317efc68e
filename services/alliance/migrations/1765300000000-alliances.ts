import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The alliance the graph served alone before alliances were records: every existing row is its. */
const FIRST_ALLIANCE = 'cas-advanced-materials';

/**
 * Alliances as records: each with its own member register, projects and goals. One
 * organization may be a member of several alliances (once in each), a project belongs to
 * exactly one, and each alliance's secretariat is its own organization (`alliance:<id>`
 * in tokens). The members and projects already here become the first alliance's, whose
 * secretariat keeps the organization `alliance:secretariat` its tokens already name.
 */
export class Alliances1765300000000 implements MigrationInterface {
  name = 'Alliances1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alliance.alliance (
        id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
        name_zh text CHECK (btrim(name_zh) <> ''),
        kind text NOT NULL CHECK (kind IN ('TECHNOLOGY_INNOVATION_ALLIANCE', 'INDUSTRIALIZATION_CONSORTIUM')),
        founded_on date NOT NULL,
        founded_in text NOT NULL CHECK (btrim(founded_in) <> ''),
        secretariat text NOT NULL UNIQUE CHECK (secretariat ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        summary text NOT NULL CHECK (btrim(summary) <> ''),
        illustrative boolean NOT NULL DEFAULT false
      )`);
    await db.query(`
      CREATE TABLE alliance.alliance_goal (
        alliance_id text NOT NULL REFERENCES alliance.alliance (id),
        position smallint NOT NULL CHECK (position BETWEEN 1 AND 50),
        label text NOT NULL CHECK (btrim(label) <> ''),
        measure text CHECK (measure IN ('DOCKED_PROJECTS', 'PILOT_PROJECTS', 'INDUSTRIALIZED_PROJECTS',
                                        'KEY_PROJECTS', 'GOVERNING_UNITS', 'MEMBERS', 'TRANSACTION_VOLUME')),
        target numeric(20, 2) CHECK (target > 0),
        unit text,
        deadline date,
        PRIMARY KEY (alliance_id, position),
        -- A measured goal has a figure and a unit; a qualitative one (an aim for a year) has neither.
        CONSTRAINT alliance_goal_measured CHECK ((measure IS NULL) = (target IS NULL) AND (target IS NULL) = (unit IS NULL)),
        CONSTRAINT alliance_goal_dated_when_qualitative CHECK (measure IS NOT NULL OR deadline IS NOT NULL)
      )`);
    await db.query(
      `INSERT INTO alliance.alliance (id, name, name_zh, kind, founded_on, founded_in, secretariat, summary)
       VALUES ($1, 'CAS Advanced Materials Alliance', '中国科学院先进材料联盟', 'TECHNOLOGY_INNOVATION_ALLIANCE',
               '2018-01-10', 'Tengzhou, Shandong', 'secretariat',
               'Founded by CAS institutes and enterprises with Levima Advanced Materials as chairman unit to carry the institutes'' advanced-materials achievements to industry; it builds pilot bases in Tengzhou and Shangyu.')`,
      [FIRST_ALLIANCE],
    );
    // The rows already here are the first alliance's, and so is a row written without one
    // (the benchmark's generated data); the services always name the alliance.
    for (const table of ['member', 'project']) {
      await db.query(
        `ALTER TABLE alliance.${table} ADD COLUMN alliance_id text NOT NULL DEFAULT '${FIRST_ALLIANCE}'
           REFERENCES alliance.alliance (id)`,
      );
    }
    // Once per alliance, one chairman unit per alliance; partners join the roles.
    await db.query(`
      ALTER TABLE alliance.member
        DROP CONSTRAINT member_organization_once,
        ADD CONSTRAINT member_organization_once UNIQUE (alliance_id, organization_type, organization_id),
        DROP CONSTRAINT member_role_check,
        ADD CONSTRAINT member_role_check
          CHECK (role IN ('CHAIRMAN_UNIT', 'GOVERNING_UNIT', 'MEMBER', 'SPECIALLY_INVITED', 'PARTNER'))`);
    await db.query(`DROP INDEX alliance.member_one_chairman`);
    await db.query(`
      CREATE UNIQUE INDEX member_one_chairman ON alliance.member (alliance_id)
        WHERE role = 'CHAIRMAN_UNIT' AND status <> 'WITHDRAWN'`);
    await db.query(`CREATE INDEX member_alliance_joined_idx ON alliance.member (alliance_id, joined_on, id)`);
    await db.query(`CREATE INDEX project_alliance_idx ON alliance.project (alliance_id, stage)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX alliance.project_alliance_idx`);
    await db.query(`DROP INDEX alliance.member_alliance_joined_idx`);
    await db.query(`DROP INDEX alliance.member_one_chairman`);
    await db.query(`DELETE FROM alliance.member WHERE alliance_id <> '${FIRST_ALLIANCE}'`);
    await db.query(`DELETE FROM alliance.project WHERE alliance_id <> '${FIRST_ALLIANCE}'`);
    await db.query(`
      CREATE UNIQUE INDEX member_one_chairman ON alliance.member ((true))
        WHERE role = 'CHAIRMAN_UNIT' AND status <> 'WITHDRAWN'`);
    await db.query(`
      ALTER TABLE alliance.member
        DROP CONSTRAINT member_organization_once,
        ADD CONSTRAINT member_organization_once UNIQUE (organization_type, organization_id),
        DROP CONSTRAINT member_role_check,
        ADD CONSTRAINT member_role_check
          CHECK (role IN ('CHAIRMAN_UNIT', 'GOVERNING_UNIT', 'MEMBER', 'SPECIALLY_INVITED'))`);
    await db.query(`ALTER TABLE alliance.member DROP COLUMN alliance_id`);
    await db.query(`ALTER TABLE alliance.project DROP COLUMN alliance_id`);
    await db.query(`DROP TABLE alliance.alliance_goal`);
    await db.query(`DROP TABLE alliance.alliance`);
  }
}
