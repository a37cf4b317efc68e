import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { databaseUrlUnder, dropPostgresDatabase, ensurePostgresDatabase } from '../shared/postgres-server';
import { environment } from '../shared/environment';
import { freePort } from '../test/child-stack';

/**
 * `npm run check:image [-- --keep]`: the production image, proved without a Docker engine
 * (there is none on these machines). In a temporary directory, laid out as the image's
 * /app is:
 *
 * 1. `npm run build` into dist/, and `npm ci --omit=dev --omit=optional` with the same
 *    pruning as the Dockerfile's runtime-deps stage; then checks that no dev dependency,
 *    no PGlite and no test came along, and measures node_modules + dist (the image-size
 *    proxy docs/deployment.md states);
 * 2. on fresh PostgreSQL databases (TEST_DATABASE_URL, as CI gives the suite), runs
 *    `node dist/services/migrate.js` (the Kubernetes Job) and docker-compose's `migrate`
 *    command with the demo data, then starts the five subgraphs and the gateway with the
 *    commands docker-compose.yml gives them — plain `node`, no tsx;
 * 3. asks one GraphQL query that crosses every subgraph, checks the Dockerfile's HEALTHCHECK
 *    command against the gateway and against a port nobody listens on, and stops
 *    everything (SIGTERM: each process must drain and exit 0).
 *
 * A step of `.ci/run`, not a jest test: the build and the install take most of a minute.
 */
const ROOT = path.resolve(__dirname, '..');
const MEMBERS = ['institutes', 'enterprises', 'pilot-bases', 'funds', 'alliance'];
const keep = process.argv.includes('--keep');
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (line: string) => console.log(`[check:image ${elapsed()}] ${line}`);

/** What the Dockerfile's runtime-deps stage deletes from node_modules: never read at run time. */
const PRUNED = /\.(map|d\.ts|d\.mts|d\.cts)$/;

function bytesIn(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const entry = path.join(dir, name);
    const stat = lstatSync(entry);
    return sum + (stat.isDirectory() ? bytesIn(entry) : stat.size);
  }, 0);
}

function filesIn(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const entry = path.join(dir, name);
    return lstatSync(entry).isDirectory() ? filesIn(entry) : [entry];
  });
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`check:image: ${what}`);
}

/** The Dockerfile's instruction `name` as JSON-array arguments (`CMD ["node", …]`). */
function dockerfileArguments(instruction: 'CMD' | 'HEALTHCHECK'): string[] {
  const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, '');
  const line = dockerfile.split('\n').find((l) => l.startsWith(`${instruction} `));
  const json = line && /(?:^|\s)(?:CMD\s+)?(\[.*\])\s*$/.exec(line)?.[1];
  if (!json) throw new Error(`check:image: no ${instruction} in JSON form in the Dockerfile`);
  return JSON.parse(json) as string[];
}

interface ComposeService {
  command?: string[];
}

async function main(): Promise<void> {
  const server = environment().TEST_DATABASE_URL;
  if (!server) throw new Error('check:image needs a PostgreSQL server: set TEST_DATABASE_URL');
  const app = mkdtempSync(path.join(os.tmpdir(), 'alliance-image-'));
  const processes: ChildProcess[] = [];
  const databases = MEMBERS.map((name) =>
    databaseUrlUnder(
      server,
      `img${process.pid}_${randomBytes(3).toString('hex')}_${name.replace(/-/g, '_')}`,
    ),
  );
  try {
    // 1. The image's /app: dist/, production node_modules, the files the Dockerfile copies.
    execFileSync(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'scripts/build.ts'), '--out-dir', path.join(app, 'dist')],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
    say('built dist/');
    for (const file of ['package.json', 'package-lock.json', 'supergraph.config.json'])
      copyFileSync(path.join(ROOT, file), path.join(app, file));
    execFileSync(
      'npm',
      [
        'ci',
        '--omit=dev',
        '--omit=optional',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--prefer-offline',
        '--loglevel=error',
      ],
      {
        cwd: app,
        stdio: 'inherit',
      },
    );
    const modules = path.join(app, 'node_modules');
    const unpruned = bytesIn(modules);
    for (const file of filesIn(modules)) if (PRUNED.test(file)) rmSync(file);
    say('installed production dependencies');

    for (const absent of ['tsx', 'typescript', 'jest', 'ts-jest', 'vite', 'esbuild', '@electric-sql/pglite'])
      check(!existsSync(path.join(modules, absent)), `${absent} is in the production node_modules`);
    const dist = filesIn(path.join(app, 'dist')).map((f) => path.relative(app, f));
    check(
      !dist.some((f) => f.includes('__tests__') || /\.test\.js$/.test(f)),
      'a test was compiled into dist/',
    );
    check(
      !dist.some((f) => f.startsWith('dist/test/') || f.startsWith('dist/scripts/')),
      'dist/ holds test/ or scripts/',
    );
    check(
      dist.includes('dist/web/dist/index.html'),
      'the web app the gateway serves is not in dist/web/dist',
    );
    check(dist.includes('dist/shared/schema/common.graphql'), "the subgraphs' shared SDL is not in dist/");
    const sizes = { modules: bytesIn(modules), dist: bytesIn(path.join(app, 'dist')) };

    // 2. Migrations (the Kubernetes Job's command), then docker-compose's migrate step with the demo data.
    for (const url of databases) await ensurePostgresDatabase(url);
    const ports = new Map<string, number>();
    for (const name of MEMBERS) ports.set(name, await freePort());
    const gatewayPort = await freePort();
    const config = path.join(app, 'supergraph.check.json');
    writeFileSync(
      config,
      JSON.stringify({
        subgraphs: MEMBERS.map((name) => ({ name, url: `http://127.0.0.1:${ports.get(name)}/graphql` })),
      }),
    );
    const secret = randomBytes(32).toString('base64url');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      GATEWAY_SECRET: secret,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      SUPERGRAPH_CONFIG: config,
      SUPERGRAPH_POLL_MS: '0',
      GATEWAY_PORT: String(gatewayPort),
      ...Object.fromEntries(
        MEMBERS.map((name, i) => [`${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`, databases[i]]),
      ),
    };
    const compose = (
      parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
        services: Record<string, ComposeService>;
      }
    ).services;
    const run = ([command, ...args]: string[], extra: Record<string, string> = {}) => {
      if (command === undefined) throw new Error('an empty command');
      const result = spawnSync(command === 'node' ? process.execPath : command, args, {
        cwd: app,
        env: { ...env, ...extra },
        encoding: 'utf8',
      });
      if (result.status !== 0)
        throw new Error(
          `${[command, ...args].join(' ')} exited ${result.status}:\n${result.stdout}${result.stderr}`,
        );
      return result.stdout;
    };
    const migrated = run(['node', 'dist/services/migrate.js']);
    check(
      MEMBERS.every((name) => new RegExp(`^${name}: applied \\d+ migrations`, 'm').test(migrated)),
      `migrate.js did not migrate every subgraph:\n${migrated}`,
    );
    check(
      /^funds: up to date$/m.test(run(['node', 'dist/services/migrate.js', 'funds'])),
      'a second migrate.js found migrations pending',
    );
    run(serviceOf(compose, 'migrate').command!, { SEED_DEMO_DATA: 'true' });
    say('migrated (migrate.js) and seeded (docker-compose migrate step)');

    // The five subgraphs and the gateway, with docker-compose's commands.
    let output = '';
    const start = (name: string) => {
      const child = spawn(process.execPath, serviceOf(compose, name).command!.slice(1), {
        cwd: app,
        env: { ...env, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      processes.push(child);
    };
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    const waitUntil = async (what: string, ok: () => Promise<boolean> | boolean) => {
      const deadline = Date.now() + 90_000;
      while (!(await ok())) {
        if (processes.some((p) => p.exitCode !== null))
          throw new Error(`a process exited before ${what}:\n${output.slice(-3000)}`);
        if (Date.now() > deadline) throw new Error(`${what} did not happen in 90 s:\n${output.slice(-3000)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };
    for (const name of MEMBERS) start(name);
    await waitUntil('every subgraph was ready', () =>
      MEMBERS.every(
        (name) =>
          output.includes(`"service":"${name}"`) &&
          new RegExp(`"service":"${name}".*"msg":"subgraph ready"`).test(output),
      ),
    );
    start('gateway');
    await waitUntil(
      'the gateway was ready',
      async () => (await fetch(`${gatewayUrl}/ready`).catch(() => null))?.status === 200,
    );
    say('the five subgraphs and the gateway are ready');

    // 3. One query across every subgraph, and the image's HEALTHCHECK.
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ project(id: "dmto-industrialization") { code achievement { institute { name } } leadEnterprise { name } pilotBases { name } investments { fund { name } } } }',
      }),
    });
    const body = (await response.json()) as { data?: { project?: unknown }; errors?: unknown };
    const expected = {
      code: 'AMA-2018-001',
      achievement: { institute: { name: 'Dalian Institute of Chemical Physics' } },
      leadEnterprise: { name: 'Levima Advanced Materials Corporation' },
      pilotBases: [{ name: 'Tengzhou Pilot Transformation Base' }],
      investments: [{ fund: { name: 'CAS Advanced Materials Industry Fund' } }],
    };
    check(
      response.status === 200 &&
        !body.errors &&
        JSON.stringify(body.data?.project) === JSON.stringify(expected),
      `unexpected answer: ${JSON.stringify(body)}`,
    );
    say('the compiled gateway answered a query across all five subgraphs');

    const healthcheck = dockerfileArguments('HEALTHCHECK');
    check(
      spawnSync(process.execPath, healthcheck.slice(1), { env: { GATEWAY_PORT: String(gatewayPort) } })
        .status === 0,
      'the HEALTHCHECK failed against a healthy gateway',
    );
    check(
      spawnSync(process.execPath, healthcheck.slice(1), { env: { PORT: String(await freePort()) } })
        .status === 1,
      'the HEALTHCHECK passed with nothing listening',
    );
    check(
      JSON.stringify(dockerfileArguments('CMD')) === JSON.stringify(serviceOf(compose, 'gateway').command),
      "the Dockerfile's CMD is not the gateway's command",
    );

    // Every process drains and exits 0 on SIGTERM, as `docker stop` and Kubernetes send it.
    const codes = await Promise.all(
      [...processes].reverse().map((child) => {
        const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        return exited;
      }),
    );
    check(
      codes.every((code) => code === 0),
      `exit codes after SIGTERM: ${codes.join(', ')}`,
    );
    say(
      `stopped cleanly; image-size proxy: node_modules ${mb(sizes.modules)} (${mb(unpruned)} before pruning) + dist ${mb(sizes.dist)} = ${mb(sizes.modules + sizes.dist)}`,
    );
  } finally {
    for (const child of processes)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const url of databases) await dropPostgresDatabase(url).catch(() => undefined);
    if (keep) say(`kept ${app}`);
    else rmSync(app, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});

/** A service of docker-compose.yml, or an error naming the one missing. */
function serviceOf(services: Record<string, ComposeService>, name: string): ComposeService {
  const service = services[name];
  if (!service) throw new Error(`docker-compose.yml has no service ${name}`);
  return service;
}
