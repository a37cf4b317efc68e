import pg from 'pg';
import { ConfigurationError } from './environment';

/*
 * Databases on a PostgreSQL server, as a whole: requiring, creating and dropping the
 * database a URL names (each subgraph has its own), through the server's `postgres`
 * database.
 */

/** A client of the server `url` names, connected to its `postgres` database, and the database `url` names. */
function serverOf(url: string): { client: pg.Client; name: string; host: string } {
  const target = new URL(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return {
    client: new pg.Client({ connectionString: admin.toString() }),
    name: decodeURIComponent(target.pathname.slice(1)),
    host: target.host,
  };
}

/**
 * Refuses to go on when the database named in `url` does not exist on its server: a
 * subgraph on PostgreSQL does not create its database unless told to (CREATE_DATABASE),
 * so a misspelt name stops it instead of serving an empty graph.
 */
export async function requirePostgresDatabase(url: string, variable: string): Promise<void> {
  const { client, name, host } = serverOf(url);
  try {
    await client.connect();
  } catch (error) {
    throw new ConfigurationError(
      `cannot reach the PostgreSQL server ${host} named in ${variable}: ${(error as Error).message}`,
    );
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      throw new ConfigurationError(
        `database "${name}" (${variable}) does not exist on ${host}: create it, correct ${variable}, or set CREATE_DATABASE=true to have it created`,
      );
    }
  } finally {
    await client.end();
  }
}

/** Creates the database named in `url` on its server when it does not exist yet. */
export async function ensurePostgresDatabase(url: string): Promise<void> {
  const { client, name } = serverOf(url);
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    // Two services creating the same database at once: the loser sees a duplicate.
    if ((error as { code?: string }).code !== '42P04' && (error as { code?: string }).code !== '23505')
      throw error;
  } finally {
    await client.end();
  }
}

/** Drops a database (tests use one per file and drop it afterwards). */
export async function dropPostgresDatabase(url: string): Promise<void> {
  const { client, name } = serverOf(url);
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name.replace(/"/g, '""')}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** The URL of the database a subgraph gets under a server URL: `…/alliance_<subgraph>`. */
export function databaseUrlUnder(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
