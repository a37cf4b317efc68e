import { Kind, visit, type ASTNode } from 'graphql';
import { memberSubgraphs } from '../services';

/**
 * Every type, field, argument, enum value and input field of every member subgraph has a
 * description: the schema is the frontend teams' documentation.
 */
const DESCRIBED_KINDS = new Set<string>([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.UNION_TYPE_DEFINITION,
  Kind.ENUM_TYPE_DEFINITION,
  Kind.INPUT_OBJECT_TYPE_DEFINITION,
  Kind.SCALAR_TYPE_DEFINITION,
  Kind.FIELD_DEFINITION,
  Kind.INPUT_VALUE_DEFINITION,
  Kind.ENUM_VALUE_DEFINITION,
]);

/** Root operation types are described by their fields. */
const ROOT_TYPES = new Set(['Query', 'Mutation']);

describe.each(memberSubgraphs.map((m) => [m.name, m] as const))('%s', (_name, module) => {
  test('describes everything it defines', () => {
    const missing: string[] = [];
    const trail: string[] = [];
    visit(module.typeDefs, {
      enter(node: ASTNode) {
        if (!DESCRIBED_KINDS.has(node.kind) || !('name' in node) || !node.name) return;
        trail.push(node.name.value);
        const isRoot = node.kind === Kind.OBJECT_TYPE_DEFINITION && ROOT_TYPES.has(node.name.value);
        if (!isRoot && !('description' in node && node.description?.value.trim()))
          missing.push(trail.join('.'));
      },
      leave(node: ASTNode) {
        if (DESCRIBED_KINDS.has(node.kind) && 'name' in node && node.name) trail.pop();
      },
    });
    expect(missing).toEqual([]);
  });
});
