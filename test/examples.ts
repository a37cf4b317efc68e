import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The examples the README and the docs pages print with their answers, as the replay tests
 * read them: test/readme.test.ts and test/docs-examples.test.ts check each answer as printed
 * through the project's gateway, test/hive-gateway.test.ts that Hive Gateway answers alike.
 */

/** The docs pages whose examples are replayed, each on a federation of its own. */
export const DOC_PAGES = [
  'search-and-matching.md',
  'pilot-bases-and-funds.md',
  'the-graph-of-the-alliances-projects.md',
  'frontend.md',
];

/**
 * The README's anonymous reads sent with curl, with the JSON it prints after each: member
 * examples need a token and mutations change the data, so only anonymous reads.
 */
export interface ReadmeExample {
  body: string;
  answer: unknown;
}

export function readmeExamples(): ReadmeExample[] {
  const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  // Both groups of a fence always take part in its match.
  const blocks = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(({ 1: lang = '', 2: text = '' }) => ({
    lang,
    text,
  }));
  const examples: ReadmeExample[] = [];
  blocks.forEach((block, i) => {
    if (block.lang !== 'sh') return;
    const [, body] =
      /curl -s http:\/\/127\.0\.0\.1:4000\/graphql[\s\S]*?--data '([^']+)'/.exec(block.text) ?? [];
    // Member examples need a token, mutations change the data: only anonymous reads.
    if (!body || /authorization/i.test(block.text) || body.includes('mutation')) return;
    const next = blocks.slice(i + 1).find((b) => b.lang === 'json' || b.lang === 'sh');
    if (next?.lang !== 'json') return;
    examples.push({ body, answer: JSON.parse(next.text) });
  });
  return examples;
}

export type Path = (string | number)[];

export interface Annotation {
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

/**
 * A docs page's example: a ```graphql block that a ```json block follows (or a rerun's answer),
 * with the HTML comment just above it (test/docs-examples.test.ts says what its keys mean).
 */
export interface DocExample {
  line: number;
  query: string;
  answer: unknown;
  annotation: Annotation;
}

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
export function pageExamples(page: string): DocExample[] {
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
  const examples: DocExample[] = [];
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

/** The answer without `extensions.requestId` (a new id per request). */
export function withoutRequestIds(body: unknown): unknown {
  return JSON.parse(JSON.stringify(body), (key, value: unknown) => (key === 'requestId' ? undefined : value));
}
