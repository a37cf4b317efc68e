import {
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLArgument,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '../../shared/pagination';
import type { CostDirectives, ListSize } from './cost-directives';
import { numberOf } from './page-arguments';

/** An operation's measured cost, and how many fields it selects once fragments are expanded. */
export interface Cost {
  cost: number;
  selections: number;
  /** True when the cost or the selections passed their limit: then both are lower bounds. */
  exceeded: boolean;
}

export interface CostOptions {
  schema?: GraphQLSchema;
  values?: Record<string, unknown>;
  directives?: CostDirectives;
  maxCost?: number;
  maxSelections?: number;
}

/** Slicing arguments assumed where no `@listSize` names them; and what a connection sizes. */
const PAGE_ARGUMENTS = ['first', 'last'];
const CONNECTION_LISTS = ['edges', 'nodes'];

class LimitPassed extends Error {
  constructor(readonly cost: number) {
    super('limit passed');
  }
}

/**
 * The cost of an operation, after the demand-control model of GraphQL Federation (and IBM's
 * GraphQL Cost Directives spec): a field returning an object (or interface, union) costs 1,
 * a scalar or enum 0 (`@cost(weight:)` overrides either), and a list multiplies the cost of
 * one element by its size. The size of a list is its slicing argument (`first`/`last`) as
 * given (literal or variable), else that argument's default, else its `@listSize(assumedSize:)`,
 * else 20. A connection (an object field with `first`/`last`) sizes its `edges`/`nodes`.
 *
 * Linear in the document: each fragment is priced once per type and sizing context, and
 * reused at every spread. It stops as soon as the cost passes `maxCost` or the expanded
 * selection passes `maxSelections` (every cost is ≥ 0 and every size ≥ 1, so a part's cost
 * never exceeds the whole's).
 */
export function operationCost(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  options: CostOptions = {},
): Cost {
  const { schema, values = {}, directives, maxCost = Infinity, maxSelections = Infinity } = options;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const memo = new Map<string, { cost: number; selections: number }>();
  const pricing = new Set<string>();
  let selections = 0;
  let largest = 0;
  const count = (n: number): void => {
    selections += n;
    if (selections > maxSelections) throw new LimitPassed(largest);
  };
  const check = (cost: number): number => {
    largest = Math.max(largest, cost);
    if (cost > maxCost) throw new LimitPassed(cost);
    return cost;
  };
  const typeNamed = (name: string | undefined, fallback: GraphQLNamedType | null): GraphQLNamedType | null =>
    (name ? schema?.getType(name) : undefined) ?? fallback;

  /** `sized`: the children of a connection that its page size applies to, and that size. */
  interface Sizing {
    fields: readonly string[];
    size: number;
  }
  const costOf = (set: SelectionSetNode, parent: GraphQLNamedType | null, sized: Sizing | null): number => {
    let sum = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = typeNamed(selection.typeCondition?.name.value, parent);
        sum = check(sum + costOf(selection.selectionSet, type, sized));
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) continue;
        const type = typeNamed(fragment.typeCondition.name.value, parent);
        const key = `${fragment.name.value}|${type?.name ?? ''}|${sized ? `${sized.fields.join()}:${sized.size}` : ''}`;
        let priced = memo.get(key);
        if (!priced) {
          // Valid documents have no fragment cycles (validation ran first); a cycle costs nothing more.
          if (pricing.has(key)) continue;
          pricing.add(key);
          const before = selections;
          const cost = costOf(fragment.selectionSet, type, sized);
          priced = { cost, selections: selections - before };
          memo.set(key, priced);
          pricing.delete(key);
        } else {
          count(priced.selections);
        }
        sum = check(sum + priced.cost);
      } else {
        count(1);
        sum = check(sum + fieldCost(selection, parent, sized));
      }
    }
    return sum;
  };

  const fieldCost = (selection: FieldNode, parent: GraphQLNamedType | null, sized: Sizing | null): number => {
    const field =
      parent && (isObjectType(parent) || isInterfaceType(parent))
        ? parent.getFields()[selection.name.value]
        : undefined;
    const key = field && parent ? `${parent.name}.${field.name}` : '';
    const named = field ? getNamedType(field.type) : null;
    const composite = named ? isCompositeType(named) : Boolean(selection.selectionSet);
    const weight =
      directives?.weights.get(key) ??
      (named ? directives?.weights.get(named.name) : undefined) ??
      (composite ? 1 : 0);
    const listSize = directives?.listSizes.get(key);
    const slicing = listSize?.slicingArguments ?? PAGE_ARGUMENTS;
    const isList = field ? isListType(getNullableType(field.type)) : false;
    const sliced =
      field?.args.some((a) => slicing.includes(a.name)) ??
      (selection.arguments ?? []).some((a) => slicing.includes(a.name.value));
    let size = 1;
    let childSizing: Sizing | null = null;
    if (sized?.fields.includes(selection.name.value)) {
      size = sized.size;
    } else if (isList || listSize || sliced) {
      const n = sizeOf(selection.arguments ?? [], field?.args ?? [], slicing, listSize, values);
      // Without a schema, a field with a page size is taken for a list.
      const connection = field ? !isList || (listSize?.sizedFields?.length ?? 0) > 0 : false;
      if (connection) childSizing = { fields: listSize?.sizedFields ?? CONNECTION_LISTS, size: n };
      else size = n;
    }
    const children = selection.selectionSet ? costOf(selection.selectionSet, named, childSizing) : 0;
    return check(size * (weight + children));
  };

  try {
    const root = schema?.getRootType(operation.operation) ?? null;
    return { cost: costOf(operation.selectionSet, root, null), selections, exceeded: false };
  } catch (error) {
    if (!(error instanceof LimitPassed)) throw error;
    return { cost: error.cost, selections, exceeded: true };
  }
}

/** A list's size: its slicing arguments as given, else their defaults, else its assumed size, else 20. */
function sizeOf(
  given: readonly ArgumentNode[],
  declared: readonly GraphQLArgument[],
  slicing: readonly string[],
  listSize: ListSize | undefined,
  values: Record<string, unknown>,
): number {
  let size: number | null = null;
  for (const name of slicing) {
    const argument = given.find((a) => a.name.value === name);
    const value = argument
      ? numberOf(argument.value, values)
      : declared.find((a) => a.name === name)?.defaultValue;
    if (typeof value === 'number') size = Math.max(size ?? 1, value);
  }
  return Math.max(1, size ?? listSize?.assumedSize ?? DEFAULT_PAGE_SIZE);
}
