import { composeServices } from '@apollo/composition';
import { CriticalityLevel, DiffRule, diff, type Change } from '@graphql-inspector/core';
import { GraphQLError, Kind, parse, type DocumentNode, type GraphQLSchema, type TypeNode } from 'graphql';
import type { SupergraphConfig } from '../shared/supergraph-config';
import { fetchSubgraphSdl, readSchemaFile, type SecretOf } from './supergraph';

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

/** One difference between the API schema clients see now and the one they would see. */
export interface SchemaChange {
  level: 'BREAKING' | 'DANGEROUS' | 'SAFE';
  /** graphql-inspector's change type, e.g. `FIELD_REMOVED`. */
  type: string;
  message: string;
  /** Schema coordinate, e.g. `RegisteredPatent.legalStatus`. */
  path: string | null;
  /** Why it is breaking or dangerous, in graphql-inspector's words. */
  reason: string | null;
}

/** What `checkSubgraph` found: `ok` is false on any composition problem or breaking change. */
export interface CheckReport {
  candidate: string;
  /** True when the candidate is a new version of a subgraph already in the config. */
  replaces: boolean;
  /** The subgraphs composed with the candidate. */
  others: string[];
  /** The current subgraphs do not compose by themselves: nothing to compare against. */
  baselineProblems: CompositionProblem[];
  /** The candidate does not compose with the current subgraphs. */
  compositionProblems: CompositionProblem[];
  /** The API schema's changes, breaking first. */
  changes: SchemaChange[];
  /**
   * Non-null fields whose loss blanks more than themselves: fields the candidate adds to
   * entities other subgraphs own (when the candidate is down GraphQL nulls the whole
   * entity, the owner's data too), references from the candidate's types to entities other
   * subgraphs own, and root query fields (a non-null one that fails nulls the `data` of
   * every query that asks for it). The contract asks for nullable ones. Reported, not refused.
   */
  warnings: string[];
  ok: boolean;
}

type Composed = { ok: true; api: GraphQLSchema } | { ok: false; problems: CompositionProblem[] };

const LEVELS: Record<CriticalityLevel, SchemaChange['level']> = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'SAFE',
};
const ORDER: SchemaChange['level'][] = ['BREAKING', 'DANGEROUS', 'SAFE'];

/**
 * Composes a candidate subgraph with the current ones and compares the API schema (what
 * clients of the gateway see) before and after. A candidate named like a current
 * subgraph replaces it; any other name joins. Removing a field or an enum value that was
 * `@deprecated` is reported as dangerous rather than breaking: that is the deprecation
 * policy of docs/integrators.md.
 */
export async function checkSubgraph(current: SubgraphSdl[], candidate: SubgraphSdl): Promise<CheckReport> {
  const others = current.filter((s) => s.name !== candidate.name);
  const report: CheckReport = {
    candidate: candidate.name,
    replaces: others.length < current.length,
    others: others.map((s) => s.name),
    baselineProblems: [],
    compositionProblems: [],
    changes: [],
    warnings: [],
    ok: false,
  };
  const before = compose(current);
  if (!before.ok) {
    report.baselineProblems = before.problems;
    return report;
  }
  const after = compose([...others, candidate]);
  if (!after.ok) {
    report.compositionProblems = after.problems;
    return report;
  }
  const changes = await diff(before.api, after.api, [DiffRule.suppressRemovalOfDeprecatedField]);
  report.changes = changes
    .map(toSchemaChange)
    .sort((a, b) => ORDER.indexOf(a.level) - ORDER.indexOf(b.level));
  report.warnings = [
    ...nonNullFieldsOnOthersEntities(candidate, others),
    ...nonNullRootsAndReferences(candidate, others),
  ];
  report.ok = !report.changes.some((c) => c.level === 'BREAKING');
  return report;
}

/** Composes subgraphs into the API schema, or says why they do not compose. */
function compose(subgraphs: SubgraphSdl[]): Composed {
  const documents: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  const problems: CompositionProblem[] = [];
  for (const s of subgraphs) {
    try {
      documents.push({ name: s.name, url: s.url, typeDefs: parse(s.sdl) });
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      problems.push({
        code: 'GRAPHQL_PARSE_FAILED',
        message: `[${s.name}] ${error.message}${
          error.locations?.length
            ? ` (line ${error.locations[0].line}, column ${error.locations[0].column})`
            : ''
        }`,
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

function nonNullFieldsOnOthersEntities(candidate: SubgraphSdl, others: SubgraphSdl[]): string[] {
  const elsewhere = new Set(others.flatMap((s) => typeNames(parse(s.sdl))));
  return parse(candidate.sdl).definitions.flatMap((d) => {
    if (d.kind !== Kind.OBJECT_TYPE_DEFINITION && d.kind !== Kind.OBJECT_TYPE_EXTENSION) return [];
    const keys = (d.directives ?? []).filter((x) => ['key', 'federation__key'].includes(x.name.value));
    if (!keys.length || !elsewhere.has(d.name.value)) return [];
    const keyFields = new Set(
      keys.flatMap((k) =>
        (k.arguments ?? []).flatMap((a) =>
          a.value.kind === Kind.STRING ? a.value.value.split(/[\s{}]+/).filter(Boolean) : [],
        ),
      ),
    );
    return (d.fields ?? [])
      .filter((f) => f.type.kind === Kind.NON_NULL_TYPE && !keyFields.has(f.name.value))
      .map(
        (f) =>
          `${d.name.value}.${f.name.value} is non-null on an entity other subgraphs own: if ${candidate.name} does not answer, the whole ${d.name.value} becomes null. Make it nullable.`,
      );
  });
}

/** The candidate's non-null root query fields and non-null references to others' entities. */
function nonNullRootsAndReferences(candidate: SubgraphSdl, others: SubgraphSdl[]): string[] {
  const elsewhere = new Set(others.flatMap((s) => typeNames(parse(s.sdl))));
  const definitions = parse(candidate.sdl).definitions.filter(
    (d) => d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION,
  );
  const othersEntities = new Set(
    definitions
      .filter((d) => elsewhere.has(d.name.value))
      .filter((d) => (d.directives ?? []).some((x) => ['key', 'federation__key'].includes(x.name.value)))
      .map((d) => d.name.value),
  );
  return definitions.flatMap((d) =>
    (d.fields ?? []).flatMap((f) => {
      if (f.type.kind !== Kind.NON_NULL_TYPE) return [];
      const at = `${d.name.value}.${f.name.value}`;
      if (d.name.value === 'Query') {
        return [
          `${at} is a non-null root field: if ${candidate.name} does not answer, every query asking for it beside other fields comes back with data: null. Make it nullable.`,
        ];
      }
      const target = namedType(f.type);
      if (othersEntities.has(target) && !othersEntities.has(d.name.value)) {
        return [
          `${at} is a non-null reference to ${target}, which another subgraph resolves: if that subgraph does not answer, the whole ${d.name.value} becomes null. Make it nullable.`,
        ];
      }
      return [];
    }),
  );
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

function typeNames(document: DocumentNode): string[] {
  return document.definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : []));
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
  const quoted = [...error.message.matchAll(/"([^"\s]+)"|\[([a-z][a-z0-9-]*)\]/g)].map((m) => m[1] ?? m[2]);
  const fromNodes = (error.nodes ?? []).flatMap((n) => {
    const subgraph = (n as { subgraph?: unknown }).subgraph;
    return typeof subgraph === 'string' ? [subgraph] : [];
  });
  const subgraphs = unique([...fromNodes, ...quoted].filter((q) => subgraphNames.includes(q)));
  const coordinates = unique(quoted.filter((q) => types.has(q.split(/[.(]/)[0]) && !subgraphs.includes(q)));
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

function toSchemaChange(change: Change): SchemaChange {
  return {
    level: LEVELS[change.criticality.level],
    type: String(change.type),
    message: change.message,
    path: change.path ?? null,
    reason: change.criticality.reason ?? null,
  };
}

/** The SDL of every subgraph of a config: its schema file when it names one, else asked of the subgraph. */
export async function loadSubgraphSdls(config: SupergraphConfig, secretOf: SecretOf): Promise<SubgraphSdl[]> {
  return Promise.all(
    config.subgraphs.map(async (s) => ({
      name: s.name,
      url: s.url,
      sdl: s.schema ? readSchemaFile(s, s.schema) : await fetchSubgraphSdl(s, secretOf),
    })),
  );
}

/** The report as a person reads it in a terminal or a CI log. */
export function formatCheckReport(report: CheckReport): string {
  const lines = [
    `Subgraph check: ${report.candidate} (${
      report.replaces ? 'a new version of a current subgraph' : 'a new subgraph'
    }), composed with ${report.others.join(', ') || 'no other subgraph'}`,
    '',
  ];
  if (report.baselineProblems.length) {
    lines.push(
      `✗ The current subgraphs do not compose by themselves (${report.baselineProblems.length} problem(s)); fix them before checking a candidate:`,
      ...report.baselineProblems.flatMap(formatProblem),
    );
  } else if (report.compositionProblems.length) {
    lines.push(
      `✗ Composition failed (${report.compositionProblems.length} error(s)):`,
      ...report.compositionProblems.flatMap(formatProblem),
    );
  } else {
    lines.push('✓ Composes with the current subgraphs');
    for (const warning of report.warnings) lines.push(`! ${warning}`);
    const byLevel = (level: SchemaChange['level']) => report.changes.filter((c) => c.level === level);
    const sections: [SchemaChange['level'], string, string][] = [
      ['BREAKING', '✗', 'Breaking changes for existing clients'],
      ['DANGEROUS', '!', 'Dangerous changes (allowed; tell clients)'],
      ['SAFE', '+', 'Safe changes'],
    ];
    for (const [level, mark, title] of sections) {
      const changes = byLevel(level);
      const shown = level === 'SAFE' ? headlines(changes) : changes;
      lines.push('', `${title}: ${changes.length}`);
      for (const c of shown) {
        lines.push(`  ${mark} ${c.path ? `${c.path}: ` : ''}${c.message}`);
        if (level !== 'SAFE' && c.reason) lines.push(`      ${c.reason}`);
      }
      if (shown.length < changes.length)
        lines.push(`  (${changes.length - shown.length} more: descriptions, and the members of new types)`);
    }
  }
  const breaking = report.changes.filter((c) => c.level === 'BREAKING').length;
  lines.push(
    '',
    report.ok
      ? `ACCEPTED: ${report.candidate} composes and breaks no existing client.`
      : report.baselineProblems.length || report.compositionProblems.length
        ? `REFUSED: ${report.candidate} does not compose with the current supergraph.`
        : `REFUSED: ${breaking} breaking change(s). Deprecate first (@deprecated(reason: "Use … instead")), remove later — see docs/integrators.md.`,
  );
  return lines.join('\n');
}

/** Safe changes worth a line: no description-only changes, nothing inside a type or field that is new. */
function headlines(changes: SchemaChange[]): SchemaChange[] {
  const added = new Set(
    changes.filter((c) => (c.type === 'TYPE_ADDED' || c.type === 'FIELD_ADDED') && c.path).map((c) => c.path),
  );
  return changes.filter((c) => {
    if (c.type.includes('DESCRIPTION')) return false;
    const segments = (c.path ?? '').split('.');
    return !segments.some((_, i) => i > 0 && added.has(segments.slice(0, i).join('.')));
  });
}

function formatProblem(problem: CompositionProblem): string[] {
  const concerns = [
    problem.subgraphs.length ? `subgraph(s) ${problem.subgraphs.join(', ')}` : '',
    problem.coordinates.length ? `types/fields ${problem.coordinates.join(', ')}` : '',
  ].filter(Boolean);
  return [`  ✗ [${problem.code}] ${concerns.join('; ')}`, `      ${problem.message}`];
}
