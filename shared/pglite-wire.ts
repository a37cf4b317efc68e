import { Duplex } from 'node:stream';
import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';

/*
 * node-postgres talking to PGlite in the same process over the wire protocol's bytes.
 *
 * PGlite's own node-postgres adapter (`@electric-sql/pglite/node-postgres`) hands
 * node-postgres messages that PGlite's JavaScript parser has already decoded: every field of
 * every row copied into an `ArrayBuffer` of its own, then decoded to a string, message
 * object by message object, and that parser was 15–20 % of a CPU profile of a subgraph
 * answering 100 entities. node-postgres has its own parser (pg-protocol), the one it uses
 * on a real server, which reads fields straight out of the received buffer. This stream
 * gives it the bytes instead: what node-postgres writes goes to PGlite's raw protocol call
 * (`execProtocolRawStream`; the startup packet and Terminate included), and what PGlite
 * answers is pushed back as received data.
 */

/**
 * A socket-like duplex stream to `pglite` for node-postgres's `stream` option. node-postgres
 * writes whole messages (a startup packet, a Parse, a Sync, …), each answered in order
 * before the next is run; PGlite's own queries (`pglite.query`) wait for the same lock.
 */
export class PGliteWire extends Duplex {
  constructor(private readonly pglite: PGlite) {
    super();
  }

  /** node-postgres "connects" the socket first; there is nothing to reach. */
  connect(): this {
    process.nextTick(() => this.emit('connect'));
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  override _read(): void {
    // Answers are pushed as each message is run.
  }

  // PGlite keeps `onRawData` as its output callback until a query of its own replaces it;
  // only `close()` sends a message without doing so, and it stops before any output.
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.pglite
      .runExclusive(() =>
        this.pglite.execProtocolRawStream(chunk, {
          // A view of PGlite's memory, valid during the call: copied.
          onRawData: (data) => this.push(Buffer.from(data)),
        }),
      )
      .then(
        () => done(),
        (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
      );
  }

  override _final(done: () => void): void {
    this.push(null);
    done();
  }
}

/** node-postgres connection settings for `pglite`, over a `PGliteWire` per connection. */
export function pgliteWireConfig(pglite: PGlite): pg.PoolConfig {
  return { stream: () => new PGliteWire(pglite), user: 'postgres', database: 'postgres' };
}
