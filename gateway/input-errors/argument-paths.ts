import {
  Kind,
  visit,
  type ASTNode,
  type DocumentNode,
  type OperationDefinitionNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';

/**
 * The argument path of the value at the node's place in the document: `input.stage` for
 * `createProject(input: { stage: FOO })`, `ids[1]` for `projects(ids: ["a", 2])`. In a
 * variable's default value, the path of the argument the variable is given to.
 */
export function pathOfValue(document: DocumentNode, target: ASTNode): string | null {
  const isTarget = (value: ValueNode): boolean =>
    value.kind === target.kind && value.loc?.start === target.loc?.start;
  let found: string | null = null;
  visit(document, {
    Argument(argument) {
      found ??= pathTo(argument.value, argument.name.value, isTarget);
    },
    VariableDefinition(definition) {
      const inner = definition.defaultValue ? pathTo(definition.defaultValue, '', isTarget) : null;
      if (inner !== null)
        found ??= `${argumentPathOf(document, definition) ?? definition.variable.name.value}${inner}`;
    },
  });
  return found;
}

/**
 * Where the variable is given: the path of its first use in its operation, else in a
 * fragment (which the operation may spread), e.g. `input` for `createProject(input: $i)`.
 */
export function argumentPathOf(document: DocumentNode, definition: VariableDefinitionNode): string | null {
  const isVariable = (value: ValueNode): boolean =>
    value.kind === Kind.VARIABLE && value.name.value === definition.variable.name.value;
  const start = definition.loc?.start ?? -1;
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode =>
      d.kind === Kind.OPERATION_DEFINITION && !!d.loc && d.loc.start <= start && start < d.loc.end,
  );
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  for (const scope of [...(operation ? [operation] : []), ...fragments]) {
    let found: string | null = null;
    visit(scope, {
      Argument(argument) {
        found ??= pathTo(argument.value, argument.name.value, isVariable);
      },
    });
    if (found !== null) return found;
  }
  return null;
}

/** The path, below `path`, of the first value in `value` that `matches`: `.stage`, `[2]`. */
function pathTo(value: ValueNode, path: string, matches: (value: ValueNode) => boolean): string | null {
  if (matches(value)) return path;
  const children: [string, ValueNode][] =
    value.kind === Kind.LIST
      ? value.values.map((item, index) => [`${path}[${index}]`, item])
      : value.kind === Kind.OBJECT
        ? value.fields.map((field) => [`${path}.${field.name.value}`, field.value])
        : [];
  for (const [childPath, child] of children) {
    const found = pathTo(child, childPath, matches);
    if (found !== null) return found;
  }
  return null;
}
