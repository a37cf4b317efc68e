import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { print } from 'graphql';
import { loadTypeDefs, readSchemaSource, sdlFilesOf } from '../type-defs';

/** A member folder with a root part and two modules, written to a temporary directory. */
function memberFolder(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'type-defs-'));
  const common = path.relative(root, path.join(__dirname, '..', 'schema', 'common.graphql'));
  writeFileSync(
    path.join(root, 'schema.graphql'),
    `# import * from "${common}"\n"Root." type Query\n"A thing." type Thing { id: ID! }`,
  );
  mkdirSync(path.join(root, 'b-module'));
  writeFileSync(path.join(root, 'b-module', 'schema.graphql'), 'extend type Query { "B." b: Int }');
  mkdirSync(path.join(root, 'a-module'));
  writeFileSync(
    path.join(root, 'a-module', 'schema.graphql'),
    'extend type Query { "A." a: Thing }\nextend type Thing { "Its name." name: String }\nextend type Elsewhere { x: Int }',
  );
  mkdirSync(path.join(root, 'no-schema'));
  return root;
}

describe('a member subgraph SDL written in parts', () => {
  it('reads the root part, the shared parts it imports, then each module in name order', () => {
    const root = memberFolder();
    expect(sdlFilesOf(root).map((file) => path.relative(root, file))).toEqual([
      'schema.graphql',
      path.relative(root, path.join(__dirname, '..', 'schema', 'common.graphql')),
      path.join('a-module', 'schema.graphql'),
      path.join('b-module', 'schema.graphql'),
    ]);
  });

  it('folds each extension into the type it extends, keeping descriptions', () => {
    const sdl = print(loadTypeDefs(memberFolder()));
    expect(sdl).toContain('"Root."\ntype Query {\n  "A."\n  a: Thing\n  "B."\n  b: Int\n}');
    expect(sdl).toContain('type Thing {\n  id: ID!\n  "Its name."\n  name: String\n}');
    expect(sdl).not.toMatch(/extend type (Query|Thing)/);
  });

  it('keeps an extension of a type defined in another subgraph as written', () => {
    expect(print(loadTypeDefs(memberFolder()))).toContain('extend type Elsewhere {\n  x: Int\n}');
  });

  it('adds the shared types a part imports: PageInfo and the audit trail', () => {
    const sdl = print(loadTypeDefs(memberFolder()));
    expect(sdl).toContain('type PageInfo @shareable');
    expect(sdl).toContain('type AuditEntryConnection @shareable');
  });

  it('reads a partner .graphql file as it is and a member folder joined', () => {
    const root = memberFolder();
    expect(readSchemaSource(path.join(root, 'schema.graphql'))).not.toContain('a: Thing');
    expect(readSchemaSource(root)).toContain('a: Thing');
  });
});
