import pg from 'pg';
import { parseTimestamptz } from '../timestamps';

// node-postgres' own parser, before shared/database.ts replaces it.
const postgresDate = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => unknown;

const instant = (value: unknown) => (value instanceof Date ? value.getTime() : value);

describe('parseTimestamptz', () => {
  test('reads every shape PostgreSQL writes as the same instant as postgres-date', () => {
    const fractions = ['', '.1', '.12', '.123', '.1234', '.12345', '.999999', '.000001'];
    const offsets = ['+00', '+05:30', '-08', '+14', '-03:30:15', '+00:00', '-12:45', '+05:53:28'];
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    // Every instant from the year 1000 to 9999, with each fraction beside each offset.
    const first = Date.UTC(1000, 0, 1);
    const last = Date.UTC(9999, 11, 31, 23, 59, 59);
    for (let i = 0; i < 5000; i += 1) {
      const iso = new Date(first + Math.floor(random() * (last - first))).toISOString();
      const fraction = fractions[i % fractions.length]!;
      const offset = offsets[Math.floor(i / fractions.length) % offsets.length]!;
      const text = `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction}${offset}`;
      expect([text, instant(parseTimestamptz(text))]).toEqual([text, instant(postgresDate(text))]);
    }
  });

  test('leaves the rare shapes to postgres-date: infinities, BC, years before 1000 or after 9999', () => {
    for (const text of [
      'infinity',
      '-infinity',
      '0099-01-01 00:00:00+00',
      '2020-01-01 00:00:00+00 BC',
      '12020-01-01 00:00:00+00',
      '2020-01-01 00:00:00',
      '2020-01-01 00:00:00Z',
      '2020-01-01T00:00:00+00',
    ])
      expect([text, instant(parseTimestamptz(text))]).toEqual([text, instant(postgresDate(text))]);
  });
});
