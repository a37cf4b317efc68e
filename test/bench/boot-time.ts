/**
 * What one test file pays to start the federation: `startFederation()` with and without
 * the demo data, several times each, on the embedded database or (with TEST_DATABASE_URL)
 * on PostgreSQL, each from the templates jest's globalSetup builds (test/templates.ts).
 * Prints every time and the median.
 *
 *   npx tsx test/bench/boot-time.ts [runs]
 *   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx test/bench/boot-time.ts [runs]
 */
// First: quiets the stack's logs before its modules read the environment.
import '../setup-env';
import { startFederation } from '../federation';
import { buildTemplates, dropTemplates } from '../templates';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle];
  if (upper === undefined) return NaN; // no values
  // An even count of at least two has a value below the middle.
  return sorted.length % 2 ? upper : (sorted[middle - 1]! + upper) / 2;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const database = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
  // What jest's globalSetup does once per run; the test files then copy the templates.
  const built = performance.now();
  await buildTemplates();
  console.log(`${database}: templates built in ${((performance.now() - built) / 1000).toFixed(2)} s`);
  try {
    await measure(database, runs);
  } finally {
    await dropTemplates();
  }
}

async function measure(database: string, runs: number): Promise<void> {
  for (const seed of [true, false]) {
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      const federation = await startFederation({ seed });
      times.push(performance.now() - started);
      const used = process.cpuUsage(cpu);
      cpuTimes.push((used.user + used.system) / 1000);
      await federation.stop();
    }
    const shown = times.map((ms) => (ms / 1000).toFixed(2)).join(' ');
    // This process's CPU (not the PostgreSQL server's): steadier than wall time on a shared machine.
    console.log(
      `${database}, ${seed ? 'seeded' : 'unseeded'}: median ${(median(times) / 1000).toFixed(2)} s ` +
        `(${shown}), CPU median ${(median(cpuTimes) / 1000).toFixed(2)} s`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
