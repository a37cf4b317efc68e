import { verifyGatewayProof, GATEWAY_PROOF_HEADER, type Caller } from '../identity';
import { PeerClient } from '../peers';
import { standInSubgraph } from '../../test/stand-in-subgraph';

const member: Caller = { subject: 'u', organization: { type: 'institute', id: 'dicp' }, roles: ['VIEWER'] };
const secret = new TextEncoder().encode('p'.repeat(32));

describe('a peer lookup whose connection is reset', () => {
  const proofs: string[] = [];
  // How many of the next requests the stand-in owner resets before answering, as an owner
  // closing a kept-alive connection just as a lookup goes out would.
  let resets = 0;
  let failing = false;
  const url = standInSubgraph((request, response) => {
    request.resume();
    request.on('end', () => {
      proofs.push(String(request.headers[GATEWAY_PROOF_HEADER]));
      if (resets > 0) {
        resets -= 1;
        request.socket.resetAndDestroy();
        return;
      }
      response.setHeader('content-type', 'application/json');
      if (failing) response.statusCode = 500;
      response.end(JSON.stringify({ data: { _entities: [{ id: 'ent-1' }, null] } }));
    });
  });
  const peers = () => new PeerClient(secret, () => url());

  beforeEach(() => {
    proofs.length = 0;
    failing = false;
  });

  test('is asked once more, with a proof of its own, and answered', async () => {
    resets = 1;
    const found = await peers().existing('enterprises', 'Enterprise', ['ent-1', 'ent-2'], member);
    expect([...found]).toEqual(['ent-1']);
    expect(proofs).toHaveLength(2);
    // A proof is accepted once: the second attempt could not reuse the first's.
    expect(new Set(proofs).size).toBe(2);
    for (const proof of proofs) {
      expect(await verifyGatewayProof(secret, 'enterprises', proof)).toMatchObject(member);
    }
  });

  test('reset twice, is SUBGRAPH_UNAVAILABLE naming the owner, after two attempts', async () => {
    resets = 2;
    await expect(peers().existing('enterprises', 'Enterprise', ['ent-1'], member)).rejects.toMatchObject({
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', dependency: 'enterprises' },
    });
    expect(proofs).toHaveLength(2);
  });

  test('an owner that answered with a failure is not asked again', async () => {
    failing = true;
    await expect(peers().existing('enterprises', 'Enterprise', ['ent-1'], member)).rejects.toMatchObject({
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', dependency: 'enterprises' },
    });
    expect(proofs).toHaveLength(1);
  });
});
