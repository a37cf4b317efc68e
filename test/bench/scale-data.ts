import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import * as allianceScale from '../../services/alliance/scale';
import * as enterprisesScale from '../../services/enterprises/scale';
import * as fundsScale from '../../services/funds/scale';
import { memberSubgraphs } from '../../services/index';
import * as institutesScale from '../../services/institutes/scale';
import * as pilotBasesScale from '../../services/pilot-bases/scale';
import { EmbeddedDatabase, openSubgraphDatabase, schemaOf, type DatabaseTarget } from '../../shared/database';
import { ensurePostgresDatabase } from '../../shared/postgres-server';
import { SCALE_ALLIANCES } from '../../shared/scale';

/**
 * The scale data set across all five subgraphs: how many rows of each kind, derived from
 * the number of projects, and the command that generates it with each subgraph's own
 * generator (`services/<name>/scale.ts`) after migrating its database.
 */
export interface ScalePlan {
  projects: number;
  institutes: number;
  researchersPerInstitute: number;
  achievements: number;
  enterprises: number;
  demands: number;
  bases: number;
  facilitiesPerBase: number;
  bookings: number;
  funds: number;
  investments: number;
  experts: number;
}

/**
 * The default proportions for `projects` projects: two projects per achievement, 200 per
 * institute, 100 per enterprise (one demand per ten projects), 5,000 per pilot base (eight
 * facilities each, one booking per two projects), 1,000 per fund (one investment per
 * project), 500 per expert. With 100,000 projects that is 500 institutes, 50,000
 * achievements, 1,000 enterprises, 20 bases, 100 funds, 200 experts.
 */
export function planFor(projects: number, overrides: Partial<ScalePlan> = {}): ScalePlan {
  if (!Number.isInteger(projects) || projects < 10) throw new Error('projects must be an integer ≥ 10');
  if (overrides.achievements !== undefined && overrides.achievements < 40) {
    throw new Error('achievements must be at least 40 (projects are docked on the non-confidential ones)');
  }
  const per = (divisor: number, minimum: number) => Math.max(minimum, Math.round(projects / divisor));
  return {
    projects,
    institutes: per(200, 3),
    researchersPerInstitute: 12,
    achievements: per(2, 40),
    enterprises: per(100, 3),
    demands: per(10, 5),
    bases: per(5000, 2),
    facilitiesPerBase: 8,
    bookings: per(2, 5),
    funds: per(1000, 3),
    investments: projects,
    // At least one committee member per alliance in turn (services/alliance/scale.ts).
    experts: Math.max(per(500, 5), 2 * SCALE_ALLIANCES),
    ...overrides,
  };
}

/** Each subgraph's generator, fed the counts it needs from the plan. */
interface Generator {
  units(plan: ScalePlan): number;
  run(db: DataSource, plan: ScalePlan, advance: (units: number) => void): Promise<void>;
}

const institutes = (plan: ScalePlan): institutesScale.InstitutesScale => ({
  institutes: plan.institutes,
  researchersPerInstitute: plan.researchersPerInstitute,
  achievements: plan.achievements,
});
const enterprises = (plan: ScalePlan): enterprisesScale.EnterprisesScale => ({
  enterprises: plan.enterprises,
  demands: plan.demands,
});
const pilotBases = (plan: ScalePlan): pilotBasesScale.PilotBasesScale => ({
  bases: plan.bases,
  facilitiesPerBase: plan.facilitiesPerBase,
  bookings: plan.bookings,
  projects: plan.projects,
  enterprises: plan.enterprises,
});
const funds = (plan: ScalePlan): fundsScale.FundsScale => ({
  funds: plan.funds,
  investments: plan.investments,
  projects: plan.projects,
  enterprises: plan.enterprises,
});
const alliance = (plan: ScalePlan): allianceScale.AllianceScale => ({
  projects: plan.projects,
  experts: plan.experts,
  achievements: plan.achievements,
  enterprises: plan.enterprises,
  institutes: plan.institutes,
  researchersPerInstitute: plan.researchersPerInstitute,
  bases: plan.bases,
  funds: plan.funds,
});

const GENERATORS: Record<string, Generator> = {
  institutes: {
    units: (plan) => institutesScale.scaleUnits(institutes(plan)),
    run: (db, plan, advance) => institutesScale.generateScale(db, institutes(plan), advance),
  },
  enterprises: {
    units: (plan) => enterprisesScale.scaleUnits(enterprises(plan)),
    run: (db, plan, advance) => enterprisesScale.generateScale(db, enterprises(plan), advance),
  },
  'pilot-bases': {
    units: (plan) => pilotBasesScale.scaleUnits(pilotBases(plan)),
    run: (db, plan, advance) => pilotBasesScale.generateScale(db, pilotBases(plan), advance),
  },
  funds: {
    units: (plan) => fundsScale.scaleUnits(funds(plan)),
    run: (db, plan, advance) => fundsScale.generateScale(db, funds(plan), advance),
  },
  alliance: {
    units: (plan) => allianceScale.scaleUnits(alliance(plan)),
    run: (db, plan, advance) => allianceScale.generateScale(db, alliance(plan), advance),
  },
};

/** Runs one subgraph's generator on its (migrated) database. */
export async function generateForSubgraph(
  subgraph: string,
  db: DataSource,
  plan: ScalePlan,
  advance: (units: number) => void = () => undefined,
): Promise<void> {
  const generator = GENERATORS[subgraph];
  if (!generator) throw new Error(`no scale generator for subgraph ${subgraph}`);
  await generator.run(db, plan, advance);
}

/** Progress units of one subgraph's generator. */
export function unitsOf(subgraph: string, plan: ScalePlan): number {
  return GENERATORS[subgraph]!.units(plan);
}

/** Where the scale data set goes: one embedded PGlite, or a PostgreSQL database per subgraph. */
export type ScaleDatabase =
  { kind: 'embedded'; dataDir: string } | { kind: 'postgres'; urlOf: (subgraph: string) => string };

export interface ScaleProgress {
  /** Once, before anything is generated: the units of all generators together. */
  start(total: number): void;
  /** After every chunk (generated or found already there). */
  advance(units: number, subgraph: string): void;
}

/** Progress units of the whole plan. */
export function totalUnits(plan: ScalePlan): number {
  return memberSubgraphs.reduce((sum, m) => sum + unitsOf(m.name, plan), 0);
}

/**
 * Migrates every member subgraph's database, loads the demo data set (so the README's
 * examples still answer) and generates the scale rows that are missing, subgraph by
 * subgraph. Re-running it finds every chunk there and only checks.
 */
export async function generateScaleData(
  database: ScaleDatabase,
  plan: ScalePlan,
  progress: ScaleProgress,
): Promise<void> {
  // PGlite makes the data directory itself, but not its parents.
  if (database.kind === 'embedded' && !database.dataDir.includes('://')) {
    mkdirSync(database.dataDir, { recursive: true });
  }
  const embedded = database.kind === 'embedded' ? await EmbeddedDatabase.open(database.dataDir) : undefined;
  try {
    progress.start(totalUnits(plan));
    for (const module of memberSubgraphs) {
      let target: DatabaseTarget;
      if (database.kind === 'postgres') {
        const url = database.urlOf(module.name);
        await ensurePostgresDatabase(url);
        target = { kind: 'postgres', url };
      } else {
        target = { kind: 'embedded', database: embedded! };
      }
      const { dataSource } = await openSubgraphDatabase({
        schema: schemaOf(module.name),
        target,
        entities: module.entities,
        migrations: module.migrations,
      });
      try {
        await module.seedDemoData(dataSource);
        await generateForSubgraph(module.name, dataSource, plan, (units) =>
          progress.advance(units, module.name),
        );
        await vacuumed(dataSource, schemaOf(module.name));
      } finally {
        await dataSource.destroy();
      }
    }
  } finally {
    await embedded?.close();
  }
}

/**
 * Leaves a subgraph's tables as a server that has run a while would hold them: analyzed,
 * vacuumed, and without the bloat of the load. The generators insert thousands of rows per
 * transaction, and each row's trigger updates the same few tally rows, whose old versions
 * cannot be pruned before the chunk commits: 87,000 dead versions of the alliance's 80
 * `project_tally` rows (15 MB), 61 MB for the funds' 100 `fund` rows, at 100,000 projects.
 * Every scan of such a table read all of it. A small table grown that large is rewritten
 * (`VACUUM FULL`); the rest are vacuumed, which a run that only checks pays little for.
 * PGlite has no autovacuum, and a server may have it off: the data set depends on neither.
 */
async function vacuumed(db: DataSource, schema: string): Promise<void> {
  const tables = await db.query<{ name: string }[]>(
    `SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = $1`,
    [schema],
  );
  for (const { name } of tables) await db.query(`VACUUM (ANALYZE) ${name}`);
  // Counted by the ANALYZE just done: a table the load left never analyzed has no count before it.
  const bloated = await db.query<{ name: string }[]>(
    `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind = 'r' AND pg_relation_size(c.oid) > 1048576 AND c.reltuples <= 10000`,
    [schema],
  );
  for (const { name } of bloated) await db.query(`VACUUM (FULL) ${name}`);
}
