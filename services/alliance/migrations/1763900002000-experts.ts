import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The technical expert committee and its reviews. */
export class Experts1763900002000 implements MigrationInterface {
  name = 'Experts1763900002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alliance.expert (
        id text PRIMARY KEY CHECK (id <> ''),
        subject text NOT NULL CHECK (btrim(subject) <> ''),
        name text NOT NULL CHECK (btrim(name) <> ''),
        title text,
        fields text[] NOT NULL DEFAULT '{}',
        affiliation_type text CHECK (affiliation_type IN ('institute', 'enterprise', 'fund', 'pilot-base')),
        affiliation_id text CHECK (affiliation_id <> ''),
        illustrative boolean NOT NULL DEFAULT false,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT expert_subject_once UNIQUE (subject),
        CONSTRAINT expert_affiliation_key CHECK ((affiliation_type IS NULL) = (affiliation_id IS NULL))
      )`);
    await db.query(`CREATE INDEX expert_name_idx ON alliance.expert (name, id)`);
    await db.query(`
      CREATE TABLE alliance.expert_review (
        id text PRIMARY KEY CHECK (id <> ''),
        project_id text NOT NULL REFERENCES alliance.project (id),
        expert_id text NOT NULL REFERENCES alliance.expert (id),
        stage text NOT NULL
          CHECK (stage IN ('DOCKING', 'EVALUATION', 'PROOF_OF_CONCEPT', 'PILOT', 'INDUSTRIALIZATION')),
        technical_maturity int NOT NULL CHECK (technical_maturity BETWEEN 1 AND 5),
        market_demand int NOT NULL CHECK (market_demand BETWEEN 1 AND 5),
        strategic_fit int NOT NULL CHECK (strategic_fit BETWEEN 1 AND 5),
        team int NOT NULL CHECK (team BETWEEN 1 AND 5),
        recommendation text NOT NULL CHECK (recommendation IN ('ADVANCE', 'HOLD', 'REJECT')),
        comments text NOT NULL CHECK (btrim(comments) <> ''),
        illustrative boolean NOT NULL DEFAULT false,
        submitted_at timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT expert_review_once_per_stage UNIQUE (project_id, expert_id, stage)
      )`);
    await db.query(
      `CREATE INDEX expert_review_project_idx ON alliance.expert_review (project_id, submitted_at, id)`,
    );
    await db.query(
      `CREATE INDEX expert_review_expert_idx ON alliance.expert_review (expert_id, submitted_at, id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE alliance.expert_review`);
    await db.query(`DROP TABLE alliance.expert`);
  }
}
