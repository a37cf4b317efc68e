import {
  Kind,
  isInputObjectType,
  isListType,
  isNonNullType,
  visit,
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type InputObjectTypeDefinitionNode,
  type InputValueDefinitionNode,
  type StringValueNode,
  type TypeNode,
} from 'graphql';
import { BadUserInputError } from './errors';

/*
 * The one sanitizing layer every mutation passes before a service sees its input
 * (`sanitizedMutations`), and the same bounds stated in the schema's descriptions
 * (`withStatedInputBounds`), so what is documented is what is enforced.
 */

/**
 * The bounds every mutation's input is held to, whatever the field, before its resolver
 * runs (`sanitizedMutations`). A field's own rule (`requiredText(…, 200)`) may be stricter.
 */
export const INPUT_BOUNDS = {
  /** Characters of a name or title (any input field called `name`, `title`, `…Name`, `…Title`). */
  nameLength: 300,
  /** Characters of any other text: notes, descriptions, reasons. */
  textLength: 10_000,
  /** Items of any list input. */
  listLength: 100,
  /** Years a date (`YYYY-MM-DD`) may fall in. */
  firstYear: 1900,
  lastYear: 2199,
} as const;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** C0 controls but tab, line feed and carriage return; DEL; C1 controls. */
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Any control character, and the bidi embeddings, overrides and isolates that reorder text. */
const CONTROL_OR_BIDI_IN_NAME = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u061C]/;
const NAME_FIELD = /^(name|title)$|[a-z](Name|Title)$/;
const DATE_PREFIX = /^\s*(\d{4})-\d{2}-\d{2}(?:$|T)/;

/**
 * Refuses what no text field of the graph accepts, with BAD_USER_INPUT naming the field
 * (`input.title`, `input.awards[2].name`): a NUL or a lone UTF-16 surrogate (PostgreSQL
 * cannot store either), control characters (ANSI escapes…), in names and titles bidi
 * overrides too (they make a title read as something else), text beyond its bound, lists
 * beyond theirs, and dates outside 1900–2199.
 */
export function checkInputText(value: string, field: string, leaf: string): void {
  const name = NAME_FIELD.test(leaf);
  if (value.includes('\u0000'))
    throw new BadUserInputError(`${field} must not contain a NUL character`, field);
  if (LONE_SURROGATE.test(value))
    throw new BadUserInputError(`${field} must be valid Unicode (it holds a lone surrogate)`, field);
  if ((name ? CONTROL_OR_BIDI_IN_NAME : CONTROL_IN_TEXT).test(value))
    throw new BadUserInputError(
      `${field} must not contain control${name ? ' or bidirectional override' : ''} characters`,
      field,
    );
  const max = name ? INPUT_BOUNDS.nameLength : INPUT_BOUNDS.textLength;
  if (value.length > max) throw new BadUserInputError(`${field} must be at most ${max} characters`, field);
  const year = DATE_PREFIX.exec(value)?.[1];
  if (year && (Number(year) < INPUT_BOUNDS.firstYear || Number(year) > INPUT_BOUNDS.lastYear))
    throw new BadUserInputError(
      `${field} must be a date between ${INPUT_BOUNDS.firstYear} and ${INPUT_BOUNDS.lastYear}`,
      field,
    );
}

/**
 * Walks a mutation's coerced arguments along their input types and checks every string
 * (checkInputText) and every list's length. Enums, numbers and booleans graphql-js has
 * already checked.
 */
export function checkInputValue(value: unknown, type: GraphQLInputType, field: string, leaf: string): void {
  if (value === null || value === undefined) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const items = value as unknown[];
    if (items.length > INPUT_BOUNDS.listLength)
      throw new BadUserInputError(`${field} takes at most ${INPUT_BOUNDS.listLength} items`, field);
    items.forEach((item, index) => checkInputValue(item, inner.ofType, `${field}[${index}]`, leaf));
    return;
  }
  if (isInputObjectType(inner)) {
    const fields = inner.getFields();
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (fields[key]) checkInputValue(item, fields[key].type, `${field}.${key}`, key);
    }
    return;
  }
  if (typeof value === 'string') checkInputText(value, field, leaf);
}

/**
 * The resolvers with every Mutation field's arguments checked (checkInputValue) before the
 * field's own resolver runs: one layer for every mutation of a subgraph, so a NUL, a lone
 * surrogate or a megabyte never reaches SQL and a refused input writes nothing.
 */
export function sanitizedMutations<R extends Record<string, unknown>>(resolvers: R): R {
  const mutation = resolvers.Mutation as Record<string, GraphQLFieldResolver<unknown, unknown>> | undefined;
  if (!mutation) return resolvers;
  const checked = Object.fromEntries(
    Object.entries(mutation).map(([name, resolve]) => [
      name,
      ((parent, args: Record<string, unknown>, context, info) => {
        const definition = info.parentType.getFields()[info.fieldName];
        // graphql-js resolves only fields of the parent type; skipping the checks is no fallback.
        if (!definition)
          throw new Error(`${info.parentType.name}.${info.fieldName} is not in the schema it is resolved in`);
        for (const argument of definition.args)
          checkInputValue(args[argument.name], argument.type, argument.name, argument.name);
        return resolve(parent, args, context, info);
      }) as GraphQLFieldResolver<unknown, unknown>,
    ]),
  );
  return { ...resolvers, Mutation: checked };
}

/** A description that states a length (`1–200 characters`) or a count (`at most 20`, `up to 30`, `1–20`) of its own. */
const STATED_LENGTH = /\d\s*characters/i;
const STATED_COUNT = /at most \d|up to \d|\d–\d/i;

/**
 * The SDL with the bounds `checkInputValue` holds every mutation's input to stated in the
 * descriptions, from INPUT_BOUNDS, so the schema clients read and the layer that refuses
 * cannot disagree: "At most N characters." on every String argument and input field a
 * mutation takes (300 for names and titles), "At most 100 items." on every list. A field
 * whose description already states a bound keeps it (its own rule is stricter). IDs are
 * held to the same length but are keys, not text: their descriptions do not repeat it.
 * Applied where a subgraph's SDL is loaded (`loadTypeDefs`) and where compose reads it.
 */
export function withStatedInputBounds(typeDefs: DocumentNode): DocumentNode {
  const inputTypes = new Map<string, InputObjectTypeDefinitionNode>();
  const mutationArguments: InputValueDefinitionNode[] = [];
  for (const definition of typeDefs.definitions) {
    if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION)
      inputTypes.set(definition.name.value, definition);
    if (
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) &&
      definition.name.value === 'Mutation'
    )
      for (const field of definition.fields ?? []) mutationArguments.push(...(field.arguments ?? []));
  }

  // The input values a mutation reaches, with the bound each is held to.
  const bounds = new Map<InputValueDefinitionNode, string>();
  const reached = new Set<string>();
  const reach = (value: InputValueDefinitionNode): void => {
    const bound = boundOf(value.type, value.name.value);
    if (bound) bounds.set(value, bound);
    const named = namedTypeOf(value.type);
    const input = inputTypes.get(named);
    if (input && !reached.has(named)) {
      reached.add(named);
      input.fields?.forEach(reach);
    }
  };
  mutationArguments.forEach(reach);

  return visit(typeDefs, {
    InputValueDefinition(node) {
      const bound = bounds.get(node);
      const stated = unwrapped(node.type).kind === Kind.LIST_TYPE ? STATED_COUNT : STATED_LENGTH;
      if (!bound || (node.description && stated.test(node.description.value))) return undefined;
      const text = node.description ? `${node.description.value.trimEnd()} ${bound}` : bound;
      const description: StringValueNode = { kind: Kind.STRING, value: text, block: node.description?.block };
      return { ...node, description };
    },
  });
}

/** What `checkInputValue` holds a value of this type to, in words; undefined for enums, numbers, IDs, input objects. */
function boundOf(type: TypeNode, leaf: string): string | undefined {
  if (type.kind === Kind.NON_NULL_TYPE) return boundOf(type.type, leaf);
  if (type.kind === Kind.LIST_TYPE) {
    const items = boundOf(type.type, leaf);
    return `At most ${INPUT_BOUNDS.listLength.toLocaleString('en-US')} items${items ? `, each ${items.charAt(0).toLowerCase()}${items.slice(1)}` : '.'}`;
  }
  if (type.name.value !== 'String') return undefined;
  const max = NAME_FIELD.test(leaf) ? INPUT_BOUNDS.nameLength : INPUT_BOUNDS.textLength;
  return `At most ${max.toLocaleString('en-US')} characters.`;
}

function unwrapped(type: TypeNode): TypeNode {
  return type.kind === Kind.NON_NULL_TYPE ? type.type : type;
}

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}
