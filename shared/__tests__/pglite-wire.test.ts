import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { pgliteWireConfig } from '../pglite-wire';

/*
 * node-postgres over PGlite's raw protocol: what every embedded subgraph's statements go
 * through. Each answer is checked against PGlite's own query API on the same database.
 */

let pglite: PGlite;
const pools: pg.Pool[] = [];

function poolOf(options: pg.PoolConfig = {}): pg.Pool {
  const pool = new pg.Pool({ ...pgliteWireConfig(pglite), max: 1, ...options });
  pools.push(pool);
  return pool;
}

beforeAll(async () => {
  pglite = await PGlite.create('memory://');
  await pglite.exec(`
    CREATE TABLE item (
      id serial PRIMARY KEY, name text NOT NULL, amount numeric(18, 2), seen timestamptz,
      day date, big bigint, tags text[], doc jsonb
    );
    INSERT INTO item (name, amount, seen, day, big, tags, doc)
    SELECT 'item ' || g || ' — 大连化物所', g * 1.25, timestamptz '2026-01-01 00:00:00+00' + g * interval '1 hour',
           date '2026-01-01' + g, g * 10000000000, ARRAY['a' || g, 'b'], jsonb_build_object('n', g)
    FROM generate_series(1, 500) g;
    INSERT INTO item (name) VALUES ('nulls');
  `);
});

afterAll(async () => {
  for (const pool of pools) await pool.end();
  await pglite.close();
});

test('rows and their types are what PGlite itself answers', async () => {
  const sql =
    'SELECT id, name, amount::text AS amount, seen, day::text AS day, big::text AS big, tags, doc FROM item ORDER BY id';
  const { rows } = await poolOf().query(sql);
  const expected = await pglite.query<Record<string, unknown>>(sql);
  expect(rows).toHaveLength(501);
  expect(rows).toEqual(expected.rows);
  expect(rows[0]).toMatchObject({
    name: 'item 1 — 大连化物所',
    amount: '1.25',
    tags: ['a1', 'b'],
    doc: { n: 1 },
  });
  expect(rows[500]).toMatchObject({ name: 'nulls', amount: null, seen: null, tags: null });
});

test('parameters bind, and an answer larger than PGlite’s 1 MB receive buffer arrives whole', async () => {
  const pool = poolOf();
  const { rows } = await pool.query('SELECT name FROM item WHERE id = ANY($1::int[]) ORDER BY id', [[3, 7]]);
  expect(rows).toEqual([{ name: 'item 3 — 大连化物所' }, { name: 'item 7 — 大连化物所' }]);
  const big = await pool.query("SELECT g, repeat('x', 1000) AS filler FROM generate_series(1, 5000) g");
  expect(big.rows).toHaveLength(5000);
  expect(big.rows[4999]).toEqual({ g: 5000, filler: 'x'.repeat(1000) });
});

test('an error fails its statement with its code, the transaction rolls back, the connection goes on', async () => {
  const pool = poolOf();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query("UPDATE item SET name = 'changed' WHERE id = 1");
    await expect(client.query('SELECT 1 / 0')).rejects.toMatchObject({
      code: '22012',
      message: 'division by zero',
    });
    await expect(client.query('SELECT 1')).rejects.toMatchObject({ code: '25P02' });
    await client.query('ROLLBACK');
  } finally {
    client.release();
  }
  const { rows } = await pool.query('SELECT name FROM item WHERE id = 1');
  expect(rows).toEqual([{ name: 'item 1 — 大连化物所' }]);
});

test('notices reach the client', async () => {
  const client = await poolOf().connect();
  try {
    const notices: string[] = [];
    client.on('notice', (notice) => notices.push(notice.message ?? ''));
    await client.query(`DO $$ BEGIN RAISE NOTICE 'hello from %', 'PGlite'; END $$`);
    expect(notices).toEqual(['hello from PGlite']);
  } finally {
    client.release();
  }
});

test('a closed connection is replaced by a new one, and PGlite’s own queries interleave', async () => {
  const pool = poolOf({ idleTimeoutMillis: 1 });
  expect((await pool.query('SELECT count(*)::int AS n FROM item')).rows).toEqual([{ n: 501 }]);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(pool.totalCount).toBe(0);
  const [viaPool, direct] = await Promise.all([
    pool.query('SELECT max(id) AS id FROM item'),
    pglite.query<{ id: number }>('SELECT min(id) AS id FROM item'),
  ]);
  expect(viaPool.rows).toEqual([{ id: 501 }]);
  expect(direct.rows).toEqual([{ id: 1 }]);
});
