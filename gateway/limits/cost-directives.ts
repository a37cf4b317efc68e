import { Kind, parse, type DirectiveNode } from 'graphql';

/** How a list field is sized: Federation's `@listSize` (demand-control spec). */
export interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}

/** The demand-control directives of a supergraph: `@listSize` and `@cost`, by `Type.field` (or `Type`). */
export interface CostDirectives {
  listSizes: Map<string, ListSize>;
  weights: Map<string, number>;
}

const LIST_SIZE_DIRECTIVES = new Set(['listSize', 'cost__listSize', 'federation__listSize']);
const COST_DIRECTIVES = new Set(['cost', 'cost__cost', 'federation__cost']);

/** Reads `@listSize` and `@cost` from a (super)graph's SDL. */
export function costDirectivesOf(sdl: string): CostDirectives {
  const listSizes = new Map<string, ListSize>();
  const weights = new Map<string, number>();
  const weightOf = (directives: readonly DirectiveNode[] | undefined): number | undefined => {
    const cost = directives?.find((d) => COST_DIRECTIVES.has(d.name.value));
    const weight = cost?.arguments?.find((a) => a.name.value === 'weight')?.value;
    return weight?.kind === Kind.INT ? Number(weight.value) : undefined;
  };
  for (const definition of parse(sdl).definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const typeName = definition.name.value;
    const typeWeight = weightOf(definition.directives);
    if (typeWeight !== undefined) weights.set(typeName, typeWeight);
    if (!('fields' in definition) || !definition.fields) continue;
    for (const field of definition.fields) {
      if (field.kind !== Kind.FIELD_DEFINITION) continue;
      const key = `${typeName}.${field.name.value}`;
      const weight = weightOf(field.directives);
      if (weight !== undefined) weights.set(key, weight);
      const listSize = field.directives?.find((d) => LIST_SIZE_DIRECTIVES.has(d.name.value));
      if (listSize) listSizes.set(key, listSizeOf(listSize));
    }
  }
  return { listSizes, weights };
}

function listSizeOf(directive: DirectiveNode): ListSize {
  const size: ListSize = {};
  for (const argument of directive.arguments ?? []) {
    const { value } = argument;
    const strings =
      value.kind === Kind.LIST
        ? value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []))
        : value.kind === Kind.STRING
          ? [value.value]
          : [];
    if (argument.name.value === 'assumedSize' && value.kind === Kind.INT)
      size.assumedSize = Number(value.value);
    if (argument.name.value === 'slicingArguments') size.slicingArguments = strings;
    if (argument.name.value === 'sizedFields') size.sizedFields = strings;
  }
  return size;
}
