import type { Role } from '../shared/identity';
import { DOC_PAGES, pageExamples, withoutRequestIds, type Path } from './examples';
import { startFederation, type Federation } from './federation';

/**
 * The docs pages show example queries with their real answers. Each ```graphql block that
 * a ```json block follows is sent, in document order, to one fresh federation with the
 * demo data per page (a page tells a sequence: a mutation, then a read that sees it), and
 * must answer exactly the JSON printed after it.
 *
 * An HTML comment just above a block (invisible once rendered) says what the prose says in
 * words, as `key=value` pairs:
 *
 * - `as=<organization>/<ROLE>`: the caller's token (none: anonymous);
 * - `bearer=<text>`: send this text as the token instead (a malformed or foreign one);
 * - `variables={…}`: the operation's variables (JSON);
 * - `name=<n>` on an example, `rerun=<n>` above a bare ```json block: that block is the
 *   answer to example `n` sent again, with its caller and variables, at this point;
 * - `setup=<n>`: first run the unprinted step `n` of {@link SETUP} (the prose tells it);
 * - `volatile=<path>,…`: values that depend on the clock (today's date, a timestamp):
 *   they must be there, of the same shape, and are otherwise not compared;
 * - `partial`: the doc prints only part of the answer; compared with `toMatchObject`;
 * - `skip reason="…"`: not replayed, for the reason given.
 *
 * What may differ between runs and is normalized on both sides before comparing:
 * `extensions.requestId` of errors (a new UUID per request) is dropped; a generated UUID
 * (a new booking's id) where the doc prints another stands for the doc's from then on, in
 * later queries as in later answers.
 */

/** Unprinted steps the prose of a page tells ("after one more request for …"). */
const SETUP: Record<string, { as: string; query: string }> = {
  'ppc-booking': {
    as: 'alliance:secretariat/SECRETARIAT',
    query: `mutation {
      requestBooking(input: { facilityId: "tengzhou-olefin-pilot", projectId: "ppc-degradable-packaging",
        start: "2027-03-15", end: "2027-03-22", purpose: "Film extrusion trial" }) { id }
    }`,
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function at(value: unknown, where: Path): unknown {
  return where.reduce<unknown>((v, k) => (v as Record<string | number, unknown> | undefined)?.[k], value);
}

function setAt(value: unknown, where: Path, to: unknown): void {
  const key = where.at(-1);
  if (key === undefined) throw new Error('setAt needs a path of at least one key');
  const parent = at(value, where.slice(0, -1)) as Record<string | number, unknown>;
  parent[key] = to;
}

function parsePath(text: string): Path {
  return text.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

/** Records which generated UUID the doc's UUID stands for, walking both answers alike. */
function learnUuids(doc: unknown, real: unknown, uuids: Map<string, string>): void {
  if (typeof doc === 'string' && typeof real === 'string') {
    if (UUID.test(doc) && UUID.test(real) && doc !== real && !uuids.has(doc)) uuids.set(doc, real);
  } else if (doc && real && typeof doc === 'object' && typeof real === 'object') {
    for (const key of Object.keys(doc)) {
      learnUuids((doc as Record<string, unknown>)[key], (real as Record<string, unknown>)[key], uuids);
    }
  }
}

function replaceAll(text: string, pairs: [string, string][]): string {
  return pairs.reduce((t, [from, to]) => t.split(from).join(to), text);
}

/** A date, or a timestamp: the shape a clock-dependent value keeps from day to day. */
function shapeOf(value: unknown): string {
  if (typeof value !== 'string') return typeof value;
  return value.replace(/\d/g, '9');
}

function describePage(page: string): void {
  describe(page, () => {
    const examples = pageExamples(page);
    let federation: Federation;
    const uuids = new Map<string, string>();

    beforeAll(async () => {
      federation = await startFederation();
    });
    afterAll(async () => {
      await federation.stop();
    });

    async function tokenOf(as: string | undefined): Promise<string | undefined> {
      if (!as) return undefined;
      const [organization, role] = as.split('/');
      if (!organization) throw new Error(`as=${as} names no organization`);
      return federation.token(organization, role as Role);
    }

    test('has examples', () => {
      expect(examples.filter((e) => !e.annotation.skip).length).toBeGreaterThanOrEqual(3);
    });

    for (const example of examples) {
      const { annotation } = example;
      const title = `line ${example.line} answers as printed`;
      if (annotation.skip) {
        test.skip(`${title} (skipped: ${annotation.reason ?? 'no reason given'})`, () => undefined);
        continue;
      }
      test(title, async () => {
        if (annotation.setup) {
          const step = SETUP[annotation.setup];
          if (!step) throw new Error(`line ${example.line}: no setup named ${annotation.setup}`);
          const done = await federation.query(step.query, undefined, await tokenOf(step.as));
          expect(done.errors).toBeUndefined();
        }
        const toReal = [...uuids];
        const variables = annotation.variables
          ? (JSON.parse(replaceAll(JSON.stringify(annotation.variables), toReal)) as Record<string, unknown>)
          : undefined;
        const { status: _status, ...body } = await federation.query(
          replaceAll(example.query, toReal),
          variables,
          annotation.bearer ?? (await tokenOf(annotation.as)),
        );
        const expected = withoutRequestIds(example.answer);
        let actual = withoutRequestIds(body);
        learnUuids(expected, actual, uuids);
        const toDoc = [...uuids].map(([doc, real]): [string, string] => [real, doc]);
        actual = JSON.parse(replaceAll(JSON.stringify(actual), toDoc));
        for (const volatile of annotation.volatile?.split(',').filter(Boolean) ?? []) {
          const where = parsePath(volatile);
          expect(shapeOf(at(actual, where))).toBe(shapeOf(at(expected, where)));
          setAt(actual, where, at(expected, where));
        }
        if (annotation.partial) expect(actual).toMatchObject(expected as object);
        else expect(actual).toEqual(expected);
      });
    }
  });
}

DOC_PAGES.forEach(describePage);
