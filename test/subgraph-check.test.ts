import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  checkSubgraph,
  formatCheckReport,
  loadSubgraphSdls,
  type SubgraphSdl,
} from '../gateway/subgraph-check';
import { readSupergraphConfig } from '../shared/supergraph-config';
import { runSubgraphCheck as run } from './example-partner';

/**
 * `npm run subgraph:check`: a candidate is composed with the members' schema files and
 * the API schema is compared before and after. No server is needed.
 */
const ROOT = path.resolve(__dirname, '..');
const PARTNER_SCHEMA = readFileSync(path.join(ROOT, 'examples/partner-subgraph/schema.graphql'), 'utf8');
const PARTNER_URL = 'http://127.0.0.1:4010/graphql';

let members: SubgraphSdl[];

beforeAll(async () => {
  members = await loadSubgraphSdls(readSupergraphConfig(path.join(ROOT, 'supergraph.config.json')), () => {
    throw new Error('the members have schema files: no secret is needed');
  });
});

function partner(sdl = PARTNER_SCHEMA): SubgraphSdl {
  return { name: 'patent-office', url: PARTNER_URL, sdl };
}

/** The partner's schema with one text replaced; fails loudly when the text is not there. */
function partnerWith(...replacements: [string, string][]): string {
  return replacements.reduce((sdl, [from, to]) => {
    expect(sdl).toContain(from);
    return sdl.replace(from, to);
  }, PARTNER_SCHEMA);
}

const LEGAL_STATUS = '  "Where the patent stands now."\n  legalStatus: PatentLegalStatus!\n';
const REGISTERED_PATENT_ARGS = '"Publication number, e.g. `CN-DEMO-DMTO-1`." number: ID!)';

test('the example partner joins as a new subgraph with only safe changes', async () => {
  const report = await checkSubgraph(members, partner());

  expect(report).toMatchObject({ candidate: 'patent-office', replaces: false, ok: true });
  expect(report.others).toEqual(members.map((m) => m.name));
  expect(report.compositionProblems).toEqual([]);
  expect(report.changes.every((c) => c.level === 'SAFE')).toBe(true);
  expect(report.changes).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ type: 'FIELD_ADDED', path: 'Achievement.registeredPatents' }),
      expect.objectContaining({ type: 'FIELD_ADDED', path: 'Project.patentWatch' }),
    ]),
  );
  expect(report.warnings).toEqual([]);
  expect(report.undescribed).toEqual([]);
  expect(formatCheckReport(report)).toContain(
    'ACCEPTED: patent-office composes and breaks no existing client.',
  );
});

test("a non-null field on another subgraph's entity is accepted with a warning", async () => {
  const report = await checkSubgraph(
    members,
    partner(
      partnerWith(['registeredPatents: [RegisteredPatent!]', 'registeredPatents: [RegisteredPatent!]!']),
    ),
  );

  expect(report.ok).toBe(true);
  expect(report.warnings).toEqual([
    'Achievement.registeredPatents is non-null on an entity other subgraphs own: if patent-office does not answer, the whole Achievement becomes null. Make it nullable.',
  ]);
  expect(formatCheckReport(report)).toContain('! Achievement.registeredPatents is non-null');
});

test("a non-null root field or reference to another subgraph's entity is accepted with a warning", async () => {
  const report = await checkSubgraph(
    members,
    partner(
      partnerWith(
        ['patentOfficeCaller: PatentOfficeCaller', 'patentOfficeCaller: PatentOfficeCaller!'],
        [LEGAL_STATUS, `${LEGAL_STATUS}  "The achievement it protects."\n  achievement: Achievement!\n`],
      ),
    ),
  );
  expect(report.ok).toBe(true);
  expect(report.warnings).toEqual([
    'RegisteredPatent.achievement is a non-null reference to Achievement, which another subgraph resolves: if that subgraph does not answer, the whole RegisteredPatent becomes null. Make it nullable.',
    'Query.patentOfficeCaller is a non-null root field: if patent-office does not answer, every query asking for it beside other fields comes back with data: null. Make it nullable.',
  ]);
});

test('a candidate that leaves a field or an argument undescribed is refused, naming each', async () => {
  const report = await checkSubgraph(
    members,
    partner(
      partnerWith(
        [LEGAL_STATUS, `${LEGAL_STATUS}  holder: String\n`],
        [REGISTERED_PATENT_ARGS, 'number: ID!)'],
      ),
    ),
  );

  expect(report.compositionProblems).toEqual([]);
  expect(report.changes.every((c) => c.level === 'SAFE')).toBe(true);
  expect(report.undescribed).toEqual(['RegisteredPatent.holder', 'Query.registeredPatent(number:)']);
  expect(report.ok).toBe(false);
  const text = formatCheckReport(report);
  expect(text).toContain(
    'Contract violations (every type, field, argument, enum value and input field needs a description): 2',
  );
  expect(text).toContain('  ✗ RegisteredPatent.holder has no description');
  expect(text).toContain('  ✗ Query.registeredPatent(number:) has no description');
  expect(text).toContain(
    'REFUSED: 2 undescribed type(s)/field(s) (RegisteredPatent.holder, Query.registeredPatent(number:))',
  );
  expect(text).not.toContain('ACCEPTED');
});

describe('a new version of a joined subgraph', () => {
  const current = (): SubgraphSdl[] => [...members, partner()];

  test('that removes a field and adds a required argument is refused with a clear report', async () => {
    const report = await checkSubgraph(
      current(),
      partner(
        partnerWith(
          [LEGAL_STATUS, ''],
          [
            REGISTERED_PATENT_ARGS,
            `${REGISTERED_PATENT_ARGS.slice(0, -1)}, "Register." jurisdiction: String!)`,
          ],
        ),
      ),
    );

    expect(report.ok).toBe(false);
    expect(report.replaces).toBe(true);
    const breaking = report.changes.filter((c) => c.level === 'BREAKING');
    expect(breaking.map((c) => [c.type, c.path])).toEqual(
      expect.arrayContaining([
        ['FIELD_REMOVED', 'RegisteredPatent.legalStatus'],
        ['FIELD_ARGUMENT_ADDED', 'Query.registeredPatent.jurisdiction'],
      ]),
    );
    expect(breaking).toHaveLength(2);
    const text = formatCheckReport(report);
    expect(text).toContain('Breaking changes for existing clients: 2');
    expect(text).toContain("RegisteredPatent.legalStatus: Field 'legalStatus' was removed");
    expect(text).toContain("Argument 'jurisdiction: String!' added to field 'Query.registeredPatent'");
    expect(text).toContain('REFUSED: 2 breaking change(s).');
  });

  test('that retypes a field is refused', async () => {
    const report = await checkSubgraph(
      current(),
      partner(partnerWith(['legalStatus: PatentLegalStatus!', 'legalStatus: String!'])),
    );

    expect(report.ok).toBe(false);
    expect(report.changes).toContainEqual(
      expect.objectContaining({
        level: 'BREAKING',
        type: 'FIELD_TYPE_CHANGED',
        path: 'RegisteredPatent.legalStatus',
      }),
    );
  });

  test('that removes a field deprecated before passes, reported as dangerous', async () => {
    const deprecated = partnerWith([
      'legalStatus: PatentLegalStatus!',
      'legalStatus: PatentLegalStatus! @deprecated(reason: "Use status")\n  "Where it stands."\n  status: PatentLegalStatus!',
    ]);
    const removed = deprecated.replace(
      '  "Where the patent stands now."\n  legalStatus: PatentLegalStatus! @deprecated(reason: "Use status")\n',
      '',
    );
    expect(removed).not.toContain('legalStatus');

    const report = await checkSubgraph([...members, partner(deprecated)], partner(removed));

    expect(report.ok).toBe(true);
    expect(report.changes).toContainEqual(
      expect.objectContaining({
        level: 'DANGEROUS',
        type: 'FIELD_REMOVED',
        path: 'RegisteredPatent.legalStatus',
      }),
    );
    expect(formatCheckReport(report)).toContain('Dangerous changes (allowed; tell clients): 1');
  });

  test('that only adds a field is accepted', async () => {
    const report = await checkSubgraph(
      current(),
      partner(partnerWith([LEGAL_STATUS, `${LEGAL_STATUS}  "Who holds it now."\n  holder: String\n`])),
    );

    expect(report.ok).toBe(true);
    expect(report.changes.map((c) => [c.level, c.type, c.path])).toContainEqual([
      'SAFE',
      'FIELD_ADDED',
      'RegisteredPatent.holder',
    ]);
  });
});

test('a candidate that does not compose is refused, naming the subgraphs and the type', async () => {
  const conflicting = {
    name: 'conflicting-feed',
    url: 'http://127.0.0.1:4011/graphql',
    sdl: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      "An achievement with a TRL of another type."
      type Achievement @key(fields: "id") {
        "Id."
        id: ID!
        "TRL as text."
        trl: String
      }`,
  };

  const report = await checkSubgraph(members, conflicting);

  expect(report.ok).toBe(false);
  expect(report.changes).toEqual([]);
  expect(report.compositionProblems).toContainEqual({
    code: 'FIELD_TYPE_MISMATCH',
    message: expect.stringContaining('"Achievement.trl"') as string,
    subgraphs: ['conflicting-feed', 'institutes'],
    coordinates: ['Achievement.trl'],
  });
  const text = formatCheckReport(report);
  expect(text).toContain(
    '✗ [FIELD_TYPE_MISMATCH] subgraph(s) conflicting-feed, institutes; types/fields Achievement.trl',
  );
  expect(text).toContain('REFUSED: conflicting-feed does not compose with the current supergraph.');
});

test('a candidate with a syntax error is refused, naming it and the line', async () => {
  const report = await checkSubgraph(members, partner('type RegisteredPatent {\n  number: ID!\n'));

  expect(report.ok).toBe(false);
  expect(report.compositionProblems).toEqual([
    {
      code: 'GRAPHQL_PARSE_FAILED',
      message: '[patent-office] Syntax Error: Expected Name, found <EOF>. (line 3, column 1)',
      subgraphs: ['patent-office'],
      coordinates: [],
    },
  ]);
});

test('when the current subgraphs do not compose, the check says so instead of comparing', async () => {
  const [first, ...rest] = members;
  const broken = { ...first!, sdl: first!.sdl.replace('trl: Int!', 'trl: Level!') };
  expect(broken.sdl).not.toEqual(first!.sdl);

  const report = await checkSubgraph([broken, ...rest], partner());

  expect(report.ok).toBe(false);
  expect(report.baselineProblems[0]).toMatchObject({ subgraphs: ['institutes'] });
  expect(formatCheckReport(report)).toContain('The current subgraphs do not compose by themselves');
});

describe('npm run subgraph:check', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'subgraph-check-'));
    const config = readSupergraphConfig(path.join(ROOT, 'supergraph.config.json'));
    config.subgraphs = config.subgraphs.map((s) => ({ ...s, schema: path.join(ROOT, s.schema!) }));
    config.subgraphs.push({
      name: 'patent-office',
      url: PARTNER_URL,
      schema: path.join(ROOT, 'examples/partner-subgraph/schema.graphql'),
      secretEnv: 'PATENT_OFFICE_SECRET',
    });
    writeFileSync(path.join(dir, 'supergraph.config.json'), JSON.stringify(config));
    writeFileSync(path.join(dir, 'breaking.graphql'), partnerWith([LEGAL_STATUS, '']));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('exits 1 and prints the report for a breaking candidate, 0 for a good one', async () => {
    const config = path.join(dir, 'supergraph.config.json');
    const [refused, accepted] = await Promise.all([
      run('--name', 'patent-office', '--schema', path.join(dir, 'breaking.graphql'), '--config', config),
      run(
        '--name',
        'patent-office',
        '--schema',
        'examples/partner-subgraph/schema.graphql',
        '--config',
        config,
      ),
    ]);

    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("✗ RegisteredPatent.legalStatus: Field 'legalStatus' was removed");
    expect(refused.stdout).toContain('REFUSED: 1 breaking change(s).');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('Breaking changes for existing clients: 0');
  });

  test('exits 2 with the usage when the candidate is missing', async () => {
    const { code, stderr } = await run('--name', 'patent-office');

    expect(code).toBe(2);
    expect(stderr).toContain('usage: npm run subgraph:check -- --name <subgraph> (--url <url> | --schema');
  });
});
