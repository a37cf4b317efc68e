import { composeServices } from '@apollo/composition';
import { GraphQLError, parse, type DocumentNode, type GraphQLSchema } from 'graphql';

/** A subgraph as composition takes it: its name, where it answers, and its SDL. */
export interface SubgraphSdl {
  name: string;
  url: string;
  sdl: string;
}

/** One reason the subgraphs do not compose, with what it concerns. */
export interface CompositionProblem {
  /** Apollo's error code, e.g. `FIELD_TYPE_MISMATCH`, `INVALID_FIELD_SHARING`. */
  code: string;
  message: string;
  /** The subgraphs concerned, e.g. `['patent-office', 'institutes']`. */
  subgraphs: string[];
  /** The types and fields concerned, e.g. `['Achievement.trl']`. */
  coordinates: string[];
}

type Composed = { ok: true; api: GraphQLSchema } | { ok: false; problems: CompositionProblem[] };

/** Composes subgraphs into the API schema, or says why they do not compose. */
export function compose(subgraphs: SubgraphSdl[]): Composed {
  const documents: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  const problems: CompositionProblem[] = [];
  for (const s of subgraphs) {
    try {
      documents.push({ name: s.name, url: s.url, typeDefs: parse(s.sdl) });
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      const at = error.locations?.[0];
      problems.push({
        code: 'GRAPHQL_PARSE_FAILED',
        message: `[${s.name}] ${error.message}${at ? ` (line ${at.line}, column ${at.column})` : ''}`,
        subgraphs: [s.name],
        coordinates: [],
      });
    }
  }
  if (problems.length) return { ok: false, problems };
  const result = composeServices(documents);
  if (result.errors) {
    const names = subgraphs.map((s) => s.name);
    const types = new Set(documents.flatMap((d) => typeNames(d.typeDefs)));
    return { ok: false, problems: result.errors.map((e) => describeProblem(e, names, types)) };
  }
  return { ok: true, api: result.schema.toAPISchema().toGraphQLJSSchema() };
}

/** The names a document defines: its types, and its directives too. */
export function typeNames(document: DocumentNode): string[] {
  return document.definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : []));
}

/** The type a schema coordinate names: `Type` of `Type`, `Type.field` or `Type.field(arg:)`. */
function typeOf(coordinate: string): string {
  const [type = ''] = coordinate.split(/[.(]/, 1);
  return type;
}

/**
 * Apollo's composition errors name subgraphs and coordinates in their text
 * (`"Achievement.trl"`, `subgraph "institutes"`, `[patent-office] …`); this lists them.
 */
function describeProblem(
  error: GraphQLError,
  subgraphNames: string[],
  types: Set<string>,
): CompositionProblem {
  // Each match has one of the two groups: a quoted name or a bracketed subgraph.
  const quoted = [...error.message.matchAll(/"([^"\s]+)"|\[([a-z][a-z0-9-]*)\]/g)].flatMap(
    (m) => m[1] ?? m[2] ?? [],
  );
  const fromNodes = (error.nodes ?? []).flatMap((n) => {
    const subgraph = (n as { subgraph?: unknown }).subgraph;
    return typeof subgraph === 'string' ? [subgraph] : [];
  });
  const subgraphs = unique([...fromNodes, ...quoted].filter((q) => subgraphNames.includes(q)));
  const coordinates = unique(quoted.filter((q) => types.has(typeOf(q)) && !subgraphs.includes(q)));
  return {
    code: typeof error.extensions.code === 'string' ? error.extensions.code : 'COMPOSITION_ERROR',
    message: error.message,
    subgraphs,
    coordinates,
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
