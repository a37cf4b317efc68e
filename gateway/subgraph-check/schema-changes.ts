import { CriticalityLevel, DiffRule, diff, type Change } from '@graphql-inspector/core';
import type { GraphQLSchema } from 'graphql';

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

const LEVELS: Record<CriticalityLevel, SchemaChange['level']> = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'SAFE',
};
const ORDER: SchemaChange['level'][] = ['BREAKING', 'DANGEROUS', 'SAFE'];

/**
 * The API schema's changes from `before` to `after`, breaking first. Removing a field or an
 * enum value that was `@deprecated` is dangerous rather than breaking: that is the
 * deprecation policy of docs/integrators.md.
 */
export async function schemaChanges(before: GraphQLSchema, after: GraphQLSchema): Promise<SchemaChange[]> {
  const changes = await diff(before, after, [DiffRule.suppressRemovalOfDeprecatedField]);
  return changes.map(toSchemaChange).sort((a, b) => ORDER.indexOf(a.level) - ORDER.indexOf(b.level));
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
