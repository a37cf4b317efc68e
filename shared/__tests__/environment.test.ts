import { schemaExposureOf, seedPolicyOf, stackDatabaseUrls, type Environment } from '../environment';

const SUBGRAPHS = ['institutes', 'pilot-bases', 'funds'];
const env = (values: Record<string, string>): Environment => values as unknown as Environment;

describe('the databases of a whole stack', () => {
  test('none configured: the embedded database', () => {
    expect(stackDatabaseUrls(SUBGRAPHS, env({}))).toBeUndefined();
  });

  test('one server URL: a database per subgraph under it, a subgraph URL of its own winning', () => {
    const urls = stackDatabaseUrls(
      SUBGRAPHS,
      env({
        DATABASE_URL: 'postgres://postgres@db:5432/postgres',
        FUNDS_DATABASE_URL: 'postgres://postgres@funds-db:5432/funds',
      }),
    );
    expect(Object.fromEntries(urls!)).toEqual({
      institutes: 'postgres://postgres@db:5432/alliance_institutes',
      'pilot-bases': 'postgres://postgres@db:5432/alliance_pilot_bases',
      funds: 'postgres://postgres@funds-db:5432/funds',
    });
  });

  test('some subgraphs with a URL and some without is refused, naming the missing variables', () => {
    expect(() =>
      stackDatabaseUrls(SUBGRAPHS, env({ FUNDS_DATABASE_URL: 'postgres://postgres@funds-db:5432/funds' })),
    ).toThrow(
      'Some subgraphs have a PostgreSQL URL and some do not: set INSTITUTES_DATABASE_URL, PILOT_BASES_DATABASE_URL, or DATABASE_URL for all of them',
    );
  });
});

describe('when the demo data loads on start', () => {
  test.each([
    [undefined, true, 'first-start'],
    [undefined, false, 'never'],
    [true, true, 'always'],
    [true, false, 'always'],
    [false, true, 'never'],
  ] as const)('SEED_DEMO_DATA=%p, embedded %p: %s', (value, embedded, policy) => {
    expect(seedPolicyOf(embedded, env({ SEED_DEMO_DATA: value } as unknown as Record<string, string>))).toBe(
      policy,
    );
  });
});

describe('what the gateway shows of its schema', () => {
  test.each([
    ['development', {}, { introspection: true, explorer: true }],
    ['production', {}, { introspection: false, explorer: false }],
    ['production', { INTROSPECTION: 'on' }, { introspection: true, explorer: false }],
    ['production', { INTROSPECTION: 'on', EXPLORER: 'on' }, { introspection: true, explorer: true }],
    ['development', { INTROSPECTION: 'off' }, { introspection: false, explorer: false }],
    ['development', { EXPLORER: 'off' }, { introspection: true, explorer: false }],
  ])('NODE_ENV=%s with %j: %j', (nodeEnv, values, expected) => {
    expect(schemaExposureOf(env({ NODE_ENV: nodeEnv, ...values }))).toEqual(expected);
  });

  test('the explorer without introspection is refused, naming the variable to set', () => {
    expect(() => schemaExposureOf(env({ NODE_ENV: 'production', EXPLORER: 'on' }))).toThrow(
      'EXPLORER=on needs introspection: set INTROSPECTION=on as well',
    );
  });
});
