import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { startFederation, type Federation } from './federation';

/**
 * schema/api.graphql is what clients generate their types from (`npm run codegen`) and what
 * the docs point frontend teams at. It must be the schema the running gateway serves: the
 * same types, fields, arguments, defaults, descriptions and deprecations, in any order.
 */
let federation: Federation;

beforeAll(async () => {
  federation = await startFederation({ seed: false });
});
afterAll(async () => {
  await federation?.stop();
});

function printed(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema));
}

test('the gateway serves exactly the published API schema', async () => {
  const answer = await federation.query<IntrospectionQuery>(
    getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      inputValueDeprecation: true,
    }),
  );
  expect(answer.errors).toBeUndefined();
  const served = buildClientSchema(answer.data!);
  const published = buildSchema(readFileSync(path.join(__dirname, '..', 'schema', 'api.graphql'), 'utf8'));
  expect(printed(served)).toEqual(printed(published));
});
