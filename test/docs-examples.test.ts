import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Role } from '../shared/identity';
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

type Path = (string | number)[];

interface Annotation {
  as?: string;
  bearer?: string;
  variables?: Record<string, unknown>;
  name?: string;
  rerun?: string;
  setup?: string;
  volatile?: string;
  partial?: boolean;
  skip?: boolean;
  reason?: string;
}

interface Example {
  line: number;
  query: string;
  answer: unknown;
  annotation: Annotation;
}

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

/** Reads one `key=value` list: a value is JSON (`{…}`, `[…]`), a "quoted string" or a word. */
function parseAnnotation(text: string): Annotation {
  const result: Record<string, unknown> = {};
  let i = 0;
  while (i < text.length) {
    const [matched, key] = /^\s*([\w-]+)/.exec(text.slice(i)) ?? [];
    if (matched === undefined || key === undefined) break;
    i += matched.length;
    if (text[i] !== '=') {
      result[key] = true;
      continue;
    }
    i += 1;
    const open = text[i];
    if (open === '{' || open === '[') {
      let depth = 0;
      let inString = false;
      const start = i;
      for (; i < text.length; i++) {
        const c = text[i];
        if (inString) {
          if (c === '\\') i++;
          else if (c === '"') inString = false;
        } else if (c === '"') inString = true;
        else if (c === '{' || c === '[') depth++;
        else if ((c === '}' || c === ']') && --depth === 0) break;
      }
      result[key] = JSON.parse(text.slice(start, ++i));
    } else if (open === '"') {
      const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(text.slice(i))!;
      result[key] = JSON.parse(quoted[0]);
      i += quoted[0].length;
    } else {
      const word = /^\S*/.exec(text.slice(i))!;
      result[key] = word[0];
      i += word[0].length;
    }
  }
  return result;
}

/** The page's examples in document order: a query with its answer, or a rerun's answer. */
function pageExamples(page: string): Example[] {
  const text = readFileSync(path.join(__dirname, '..', 'docs', page), 'utf8');
  // Both groups of a fence always take part in its match (possibly empty).
  const blocks = [...text.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map(
    ({ 1: lang = '', 2: body = '', index }) => {
      const before = text.slice(0, index);
      const [, comment] = /<!-- example: ((?:(?!-->)[\s\S])*) -->\s*$/.exec(before) ?? [];
      return {
        lang,
        body,
        line: before.split('\n').length,
        annotation: comment === undefined ? undefined : parseAnnotation(comment),
      };
    },
  );
  const examples: Example[] = [];
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    if (block.lang === 'graphql' && next?.lang === 'json') {
      examples.push({
        line: block.line,
        query: block.body,
        answer: JSON.parse(next.body),
        annotation: block.annotation ?? {},
      });
    } else if (block.lang === 'json' && block.annotation?.rerun) {
      const earlier = examples.find((e) => e.annotation.name === block.annotation!.rerun);
      if (!earlier) throw new Error(`${page}:${block.line}: no example named ${block.annotation.rerun}`);
      examples.push({
        line: block.line,
        query: earlier.query,
        answer: JSON.parse(block.body),
        annotation: { ...earlier.annotation, name: undefined, ...block.annotation },
      });
    }
  });
  return examples;
}

function withoutRequestIds(body: unknown): unknown {
  return JSON.parse(JSON.stringify(body), (key, value: unknown) => (key === 'requestId' ? undefined : value));
}

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

describePage('search-and-matching.md');
describePage('pilot-bases-and-funds.md');
describePage('the-graph-of-the-alliances-projects.md');
describePage('frontend.md');
