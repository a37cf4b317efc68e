import { Kind, parse, type DefinitionNode, type DocumentNode, type InputValueDefinitionNode } from 'graphql';

/**
 * The contract of docs/integrators.md: every type, field, argument, enum value and input
 * field a subgraph defines has a description, the documentation clients read. The
 * members' schemas are held to it (test/schema-descriptions.test.ts) and so is a partner's
 * candidate (`checkSubgraph`).
 */

/** Root operation types are described by their fields. */
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * What Federation adds to a subgraph's `_service { sdl }` is not the subgraph's to
 * describe: `_Service`, `_Any`, `_entities`, and the `link__`/`federation__` types its
 * `@link`s import. Directive definitions are machinery too: clients never see them.
 */
export function isFederationMachinery(name: string): boolean {
  return name.startsWith('_') || name.includes('__');
}

function described(node: { description?: { value: string } }): boolean {
  return Boolean(node.description?.value.trim());
}

/**
 * The schema coordinates (`RegisteredPatent.title`, `Query.registeredPatent(number:)`,
 * `PatentLegalStatus.GRANTED`) of what an SDL defines without a description, in the order
 * it defines them. Type extensions (`extend type Achievement`) need no description of
 * their own; the fields they add do.
 */
export function undescribedCoordinates(sdl: string | DocumentNode): string[] {
  const document = typeof sdl === 'string' ? parse(sdl) : sdl;
  return document.definitions.flatMap(undescribedIn);
}

function undescribedIn(definition: DefinitionNode): string[] {
  if (!('name' in definition) || !definition.name || definition.kind === Kind.DIRECTIVE_DEFINITION) return [];
  const type = definition.name.value;
  if (isFederationMachinery(type)) return [];
  const missing: string[] = [];
  // Only a definition carries a description; an extension (`extend type`) cannot.
  if ('description' in definition && !ROOT_TYPES.has(type) && !described(definition)) missing.push(type);
  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.OBJECT_TYPE_EXTENSION:
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_EXTENSION:
      for (const field of definition.fields ?? []) {
        if (isFederationMachinery(field.name.value)) continue;
        const coordinate = `${type}.${field.name.value}`;
        if (!described(field)) missing.push(coordinate);
        missing.push(...undescribedArguments(coordinate, field.arguments));
      }
      break;
    case Kind.INPUT_OBJECT_TYPE_DEFINITION:
    case Kind.INPUT_OBJECT_TYPE_EXTENSION:
      for (const field of definition.fields ?? [])
        if (!described(field)) missing.push(`${type}.${field.name.value}`);
      break;
    case Kind.ENUM_TYPE_DEFINITION:
    case Kind.ENUM_TYPE_EXTENSION:
      for (const value of definition.values ?? [])
        if (!described(value)) missing.push(`${type}.${value.name.value}`);
      break;
    default:
      break;
  }
  return missing;
}

function undescribedArguments(
  field: string,
  args: readonly InputValueDefinitionNode[] | undefined,
): string[] {
  return (args ?? []).filter((a) => !described(a)).map((a) => `${field}(${a.name.value}:)`);
}
