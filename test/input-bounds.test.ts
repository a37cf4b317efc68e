import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputType,
  type IntrospectionQuery,
} from 'graphql';
import type { Role } from '../shared/identity';
import { INPUT_BOUNDS } from '../shared/input-bounds';
import { dataOf } from './graphql';
import { startFederation, type Federation } from './federation';

/**
 * The bounds every mutation's input is held to are stated in the API schema the gateway
 * serves (shared/validation.ts `withStatedInputBounds`), and the number stated is the number
 * enforced: N characters are accepted, N + 1 are BAD_USER_INPUT naming the field.
 */
let federation: Federation;
beforeAll(async () => {
  federation = await startFederation();
});
afterAll(async () => {
  await federation.stop();
});

/** `1–200 characters`, `at most 4,000 characters`, `At most 100 items`: the largest count a description allows. */
function statedBound(description: string | null | undefined, unit: 'characters' | 'items'): number | null {
  const pattern =
    unit === 'characters'
      ? /(\d[\d,]*) characters/g
      : /(?:at most |up to |1–)(\d[\d,]*)\b(?![\d,]* ?characters)/gi;
  const counts = [...(description ?? '').matchAll(pattern)].map((m) => Number(m[1]!.replace(/,/g, '')));
  return counts.length ? Math.max(...counts) : null;
}

interface BoundedInput {
  field: string;
  description: string | null | undefined;
  unit: 'characters' | 'items';
}

/** Every String and list a mutation takes, reached as `checkInputValue` walks them. */
function boundedInputs(
  type: GraphQLInputType,
  field: string,
  description: string | null | undefined,
): BoundedInput[] {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const items = boundedInputs(inner.ofType, `${field}[]`, description);
    return [{ field, description, unit: 'items' }, ...items.filter((i) => i.field !== `${field}[]`)];
  }
  if (isInputObjectType(inner)) {
    return Object.values(inner.getFields()).flatMap((f) =>
      boundedInputs(f.type, `${field}.${f.name}`, f.description),
    );
  }
  return getNamedType(inner).name === 'String' ? [{ field, description, unit: 'characters' }] : [];
}

test('every String and list input of every mutation states its bound in the served schema', async () => {
  const introspection = dataOf(await federation.query<IntrospectionQuery>(getIntrospectionQuery()));
  const mutations = Object.values(buildClientSchema(introspection).getMutationType()!.getFields());
  const inputs = mutations.flatMap((m) =>
    m.args.flatMap((a) => boundedInputs(a.type, `${m.name}(${a.name})`, a.description)),
  );
  expect(inputs.length).toBeGreaterThan(70);
  const unstated = inputs.filter((i) => statedBound(i.description, i.unit) === null).map((i) => i.field);
  expect(unstated).toEqual([]);
  // None states more than the layer every mutation passes allows.
  for (const input of inputs) {
    const most = input.unit === 'items' ? INPUT_BOUNDS.listLength : INPUT_BOUNDS.textLength;
    expect([input.field, statedBound(input.description, input.unit)! <= most]).toEqual([input.field, true]);
  }
});

/** A sample across subgraphs: a mutation, the input field, and its input with that field set to `text`. */
const SAMPLE: {
  subgraph: string;
  mutation: string;
  inputType: string;
  field: string;
  org: string;
  role: Role;
  input: (text: string, n: number) => Record<string, unknown>;
}[] = [
  {
    subgraph: 'alliance (generic bound)',
    mutation: 'createProject',
    inputType: 'CreateProjectInput',
    field: 'summary',
    org: 'alliance:secretariat',
    role: 'SECRETARIAT',
    input: (summary, n) => ({
      code: `BOUND-${n}`,
      title: 'Bound test',
      summary,
      achievementId: 'dmto',
      leadEnterpriseId: 'levima',
    }),
  },
  {
    subgraph: 'enterprises (its own, stricter bound)',
    mutation: 'postTechnologyDemand',
    inputType: 'PostTechnologyDemandInput',
    field: 'description',
    org: 'enterprise:levima',
    role: 'EDITOR',
    input: (description) => ({
      enterpriseId: 'levima',
      title: 'Bound test',
      description,
      ipcCode: 'C08J 5/18',
      keywords: [],
      minTrl: 5,
    }),
  },
  {
    subgraph: 'institutes (a name)',
    mutation: 'addResearcher',
    inputType: 'AddResearcherInput',
    field: 'name',
    org: 'institute:dicp',
    role: 'EDITOR',
    input: (name) => ({ instituteId: 'dicp', name }),
  },
];

test.each(SAMPLE)(
  '$subgraph: $mutation input.$field takes the characters it states, not one more',
  async (sample) => {
    const introspection = dataOf(await federation.query<IntrospectionQuery>(getIntrospectionQuery()));
    const inputType = buildClientSchema(introspection).getType(sample.inputType);
    if (!isInputObjectType(inputType)) throw new Error(`${sample.inputType} is not an input type`);
    const n = statedBound(inputType.getFields()[sample.field]!.description, 'characters')!;
    const token = await federation.token(sample.org, sample.role);
    const send = (text: string, attempt: number) =>
      federation.query(
        `mutation($input: ${sample.inputType}!) { ${sample.mutation}(input: $input) { id } }`,
        { input: sample.input(text, attempt) },
        token,
      );

    const over = await send('x'.repeat(n + 1), 1);
    expect(over.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', field: `input.${sample.field}` }),
    ]);
    const at = await send('x'.repeat(n), 2);
    expect(at.errors).toBeUndefined();
  },
);
