import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print, type DefinitionNode, type DocumentNode } from 'graphql';
import { withStatedInputBounds } from './input-bounds';

/** `# import * from "../../shared/schema/money.graphql"`: graphql-import's line, which codegen's loader reads too. */
const IMPORT = /^# import \* from "([^"]+)"$/gm;

/**
 * The files a member subgraph's SDL is written in: `schema.graphql` in its folder (what its
 * modules share), one `schema.graphql` in each module folder beside it (the alliance's
 * `projects/`, `members/`…, in name order), and the parts under `shared/schema/` that any
 * of them imports (`common.graphql`, which every member imports: `PageInfo` and the audit
 * trail's types; `money.graphql`; `matching.graphql`), each once.
 */
export function sdlFilesOf(directory: string): string[] {
  const modules = readdirSync(directory)
    .filter((entry) => statSync(path.join(directory, entry)).isDirectory())
    .sort()
    .map((entry) => path.join(directory, entry, 'schema.graphql'))
    .filter((file) => existsSync(file));
  const files = new Set<string>();
  const add = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    // IMPORT's one group is not optional: every match has the imported path.
    for (const [, imported] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      add(path.resolve(path.dirname(file), imported!));
    }
  };
  for (const file of [path.join(directory, 'schema.graphql'), ...modules]) add(file);
  return [...files];
}

/**
 * A member subgraph's SDL as one document. A module adds fields to a type another part
 * defines with `extend type` (the projects module's `extend type Query { projects… }`);
 * such an extension is folded into the definition, so the SDL the subgraph serves and
 * composition reads is one definition per type, as if written in one file. The bounds
 * every mutation's input is held to (`sanitizedMutations`) are stated in its descriptions.
 */
export function loadTypeDefs(directory: string): DocumentNode {
  const definitions = sdlFilesOf(directory).flatMap((file) => parse(readFileSync(file, 'utf8')).definitions);
  return withStatedInputBounds({ kind: Kind.DOCUMENT, definitions: foldExtensions(definitions) });
}

/**
 * The SDL of a supergraph config entry's `schema`: a `.graphql` file as it is (a partner's),
 * or a member subgraph's folder joined as the member joins it.
 */
export function readSchemaSource(source: string): string {
  return statSync(source).isDirectory() ? print(loadTypeDefs(source)) : readFileSync(source, 'utf8');
}

const EXTENDED: Partial<Record<Kind, Kind>> = {
  [Kind.OBJECT_TYPE_EXTENSION]: Kind.OBJECT_TYPE_DEFINITION,
  [Kind.INPUT_OBJECT_TYPE_EXTENSION]: Kind.INPUT_OBJECT_TYPE_DEFINITION,
  [Kind.ENUM_TYPE_EXTENSION]: Kind.ENUM_TYPE_DEFINITION,
  [Kind.UNION_TYPE_EXTENSION]: Kind.UNION_TYPE_DEFINITION,
};

/** Appends each extension's fields, values, members and directives to the definition it extends. */
function foldExtensions(definitions: readonly DefinitionNode[]): DefinitionNode[] {
  const folded = [...definitions];
  const byName = new Map<string, number>();
  folded.forEach((definition, at) => {
    if ('name' in definition && definition.name && !(definition.kind in EXTENDED)) {
      byName.set(definition.name.value, at);
    }
  });
  const extensionsFolded = new Set<number>();
  folded.forEach((extension, position) => {
    const definitionKind = EXTENDED[extension.kind];
    if (!definitionKind || !('name' in extension) || !extension.name) return;
    const at = byName.get(extension.name.value);
    // An extension of a type defined elsewhere (another subgraph's) stays as written.
    const definition = at === undefined ? undefined : folded[at];
    if (at === undefined || definition?.kind !== definitionKind) return;
    const target = definition as unknown as Record<string, readonly unknown[] | undefined>;
    const source = extension as unknown as Record<string, readonly unknown[] | undefined>;
    const merged: Record<string, unknown> = { ...target };
    for (const key of ['fields', 'values', 'types', 'directives', 'interfaces']) {
      if (source[key]?.length) merged[key] = [...(target[key] ?? []), ...source[key]];
    }
    folded[at] = merged as unknown as DefinitionNode;
    extensionsFolded.add(position);
  });
  return folded.filter((_, position) => !extensionsFolded.has(position));
}
