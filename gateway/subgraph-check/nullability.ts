import { Kind, parse, type TypeNode } from 'graphql';
import { typeNames, type SubgraphSdl } from './composition';
import { isFederationMachinery } from './descriptions';

/**
 * Non-null fields whose loss blanks more than themselves, as warnings: fields the candidate
 * adds to entities other subgraphs own, references from its types to others' entities, and
 * its root query fields (see `CheckReport.warnings`).
 */
export function nullabilityWarnings(candidate: SubgraphSdl, others: SubgraphSdl[]): string[] {
  return [
    ...nonNullFieldsOnOthersEntities(candidate, others),
    ...nonNullRootsAndReferences(candidate, others),
  ];
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
      // `_entities` and `_service` are Federation's, in any SDL read from a running subgraph.
      if (f.type.kind !== Kind.NON_NULL_TYPE || isFederationMachinery(f.name.value)) return [];
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
