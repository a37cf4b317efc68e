import type { EmbeddedDatabase } from './database';

/*
 * An embedded database's data directory as a template: a tarball a new PGlite loads instead
 * of running initdb, the migrations and the seed. The test suite starts every file from one
 * (test/templates.ts) and a fresh `npm start` starts from the demo data's
 * (services/demo-template.ts).
 */

/**
 * The data directory of `embedded` as a template tarball: checkpointed (a copy starts
 * without replaying the write-ahead log), with only the write-ahead log segment that
 * checkpoint lies in, and without the databases nothing opens.
 */
export async function templateOf(embedded: EmbeddedDatabase): Promise<Buffer> {
  await dropTemplateDatabases(embedded);
  const tarball = Buffer.from(await (await embedded.dump()).arrayBuffer());
  const { rows } = await embedded.pglite.query<{ segment: string }>(
    'SELECT pg_walfile_name(pg_current_wal_lsn()) AS segment',
  );
  return withOneWalSegment(tarball, rows[0]!.segment);
}

/**
 * Drops `template0` and `template1`, the databases initdb makes for `CREATE DATABASE` to
 * copy. PGlite opens only `postgres` and nothing creates a database in it, but a copy of the
 * template would make their 600 files again, nearly half of the demo data directory's, which
 * cost a fresh `npm start` about 0.4 s on this machine's disk (creating a file costs ~0.6 ms).
 */
async function dropTemplateDatabases(embedded: EmbeddedDatabase): Promise<void> {
  const { rows } = await embedded.pglite.query<{ name: string }>(
    "SELECT datname AS name FROM pg_database WHERE datname IN ('template0', 'template1')",
  );
  for (const { name } of rows) {
    // One statement each: DROP DATABASE cannot run in the transaction a batch makes.
    await embedded.pglite.exec(`ALTER DATABASE ${name} IS_TEMPLATE false`);
    await embedded.pglite.exec(`DROP DATABASE ${name}`);
  }
}

/**
 * The tarball with one write-ahead log segment, `current`. `dump()` checkpoints first, so
 * the checkpoint a copy starts from lies in the current segment; an older one holds only
 * what the data files already have, and a newer one is an empty segment made ahead of time
 * (PostgreSQL makes another when it needs one). Each is 16 MB, a quarter of the seeded
 * template, which every copy would read and unpack again.
 */
function withOneWalSegment(tarball: Buffer, current: string): Buffer {
  const kept: Buffer[] = [];
  let offset = 0;
  while (offset + 512 <= tarball.length) {
    const header = tarball.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const name = header.subarray(0, 100).toString('latin1').replace(/\0.*$/s, '');
    const size = parseInt(
      header.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0',
      8,
    );
    const end = offset + 512 + Math.ceil(size / 512) * 512;
    const segment = /(?:^|\/)pg_wal\/([0-9A-F]{24})$/.exec(name)?.[1];
    if (segment === undefined || segment === current) kept.push(tarball.subarray(offset, end));
    offset = end;
  }
  // The archive's end: two zero blocks.
  kept.push(Buffer.alloc(1024));
  return Buffer.concat(kept);
}

/**
 * A template tarball as PGlite reads it: `arrayBuffer()` hands over the file's bytes as
 * read. A plain Blob of them cost every boot ~0.5 s of CPU in Node's Blob, which streams
 * its 40–60 MB back out in small chunks and concatenates them (profiled with
 * test/bench/boot-time.ts).
 */
export class TemplateTarball extends Blob {
  constructor(private readonly tarball: Buffer) {
    super([], { type: 'application/x-tar' });
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const { buffer, byteOffset, byteLength } = this.tarball;
    return byteOffset === 0 && byteLength === buffer.byteLength
      ? (buffer as ArrayBuffer)
      : (buffer.slice(byteOffset, byteOffset + byteLength) as ArrayBuffer);
  }
}
