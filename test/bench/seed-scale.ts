import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { memberSubgraphs } from '../../services/index';
import { databaseUrlFor, environment } from '../../shared/environment';
import { progressBar } from './progress';
import { generateScaleData, planFor, type ScaleDatabase, type ScalePlan } from './scale-data';

const USAGE = `npm run seed:scale -- [--projects N] [--institutes N] [--achievements N] [--enterprises N]
  [--demands N] [--bases N] [--facilities-per-base N] [--bookings N] [--funds N] [--investments N]
  [--experts N] [--researchers-per-institute N]

Generates the scale data set (default 100,000 projects; the other counts follow from it)
into the databases \`npm start\` uses: PostgreSQL when DATABASE_URL or a per-subgraph URL is
set, else the embedded database under DATA_DIR. Idempotent: what exists is skipped.`;

/** Flag name → plan field, for the counts that can be set one by one. */
const COUNT_FLAGS: Record<string, keyof ScalePlan> = {
  institutes: 'institutes',
  'researchers-per-institute': 'researchersPerInstitute',
  achievements: 'achievements',
  enterprises: 'enterprises',
  demands: 'demands',
  bases: 'bases',
  'facilities-per-base': 'facilitiesPerBase',
  bookings: 'bookings',
  funds: 'funds',
  investments: 'investments',
  experts: 'experts',
};

function count(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${flag} must be a positive integer`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      projects: { type: 'string', default: '100000' },
      help: { type: 'boolean', default: false },
      ...Object.fromEntries(Object.keys(COUNT_FLAGS).map((flag) => [flag, { type: 'string' as const }])),
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const given = values as Record<string, string | boolean | undefined>;
  const overrides: Partial<ScalePlan> = {};
  for (const [flag, field] of Object.entries(COUNT_FLAGS)) {
    const value = given[flag];
    if (typeof value === 'string') overrides[field] = count(value, flag);
  }
  const plan = planFor(count(values.projects, 'projects'), overrides);

  const env = environment();
  const usesPostgres = memberSubgraphs.some((m) => databaseUrlFor(m.name, env));
  const database: ScaleDatabase = usesPostgres
    ? { kind: 'postgres', urlOf: (name) => databaseUrlFor(name, env)! }
    : { kind: 'embedded', dataDir: env.DATA_DIR };
  console.log(
    `Scale data set into ${usesPostgres ? 'PostgreSQL' : `the embedded database at ${path.resolve(env.DATA_DIR)}`}:`,
  );
  console.log(
    Object.entries(plan)
      .map(([k, v]) => `  ${k}: ${v}`)
      .join('\n'),
  );
  const started = Date.now();
  const bar = progressBar();
  try {
    await generateScaleData(database, plan, bar);
  } finally {
    bar.stop();
  }
  console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

main().catch((error: unknown) => {
  console.error(`seed:scale failed: ${(error as Error).message}`);
  process.exit(1);
});
