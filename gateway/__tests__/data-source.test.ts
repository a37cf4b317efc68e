import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { verifyGatewayProof, GATEWAY_PROOF_HEADER, type Caller } from '../../shared/identity';
import { serviceLogger } from '../../shared/logger';
import { ProvingDataSource, type GatewayContext } from '../data-source';

/** The proof each request to a subgraph carries, with the secret as configured at that moment. */
const member: Caller = { subject: 'u', organization: { type: 'institute', id: 'dicp' }, roles: ['VIEWER'] };
const secretA = new TextEncoder().encode('a'.repeat(32));
const secretB = new TextEncoder().encode('b'.repeat(32));

async function proofSent(source: ProvingDataSource): Promise<string> {
  const headers = new Map<string, string>();
  await source.willSendRequest({
    request: { http: { headers } },
    context: { caller: member },
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
  return headers.get(GATEWAY_PROOF_HEADER)!;
}

describe.each([true, false])('tuned: %p', (tuned) => {
  test('a rotated secret signs the next proof; a proof of the old secret is not reused', async () => {
    let current = secretA;
    const source = new ProvingDataSource(
      { name: 'funds', url: 'http://127.0.0.1:1/graphql' },
      () => current,
      { timeoutMs: 1_000, tuned, log: serviceLogger('test') },
    );
    expect(await verifyGatewayProof(secretA, 'funds', await proofSent(source))).toMatchObject(member);
    current = secretB;
    const afterRotation = await proofSent(source);
    expect(await verifyGatewayProof(secretB, 'funds', afterRotation)).toMatchObject(member);
    await expect(verifyGatewayProof(secretA, 'funds', afterRotation)).rejects.toThrow(GraphQLError);
  });

  test('a secret that cannot be read makes the subgraph unavailable, not an internal error', async () => {
    const source = new ProvingDataSource(
      { name: 'funds', url: 'http://127.0.0.1:1/graphql' },
      () => {
        throw new Error('ENOENT: /run/secrets/funds');
      },
      { timeoutMs: 1_000, tuned, log: serviceLogger('test') },
    );
    await expect(proofSent(source)).rejects.toMatchObject({
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'funds' },
    });
  });
});
