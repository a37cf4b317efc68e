import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Environment } from '../../shared/environment';
import { memberSubgraphs } from '../../services';
import {
  MEMBER_SUBGRAPH_NAMES,
  configuredSecrets,
  gatewaySecrets,
  hasOwnSecret,
  partnerSecret,
} from '../secrets';

test('a partner secret file is read at every use, so a new secret needs no restart', () => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'secret-')), 'partner');
  const entry = { name: 'patent-office', url: 'http://127.0.0.1:4010/graphql', secretFile: file };
  writeFileSync(file, 'first-secret-of-at-least-thirty-two-chars\n');
  expect(partnerSecret(entry)).toBe('first-secret-of-at-least-thirty-two-chars');
  writeFileSync(file, 'second-secret-of-at-least-thirty-two-chars');
  expect(partnerSecret(entry)).toBe('second-secret-of-at-least-thirty-two-chars');
  expect(hasOwnSecret(entry)).toBe(true);
});

test("members' entries have no secret of their own", () => {
  expect(hasOwnSecret({ name: 'institutes', url: 'http://127.0.0.1:4001/graphql' })).toBe(false);
});

test('the members are the subgraphs the stack runs', () => {
  expect([...MEMBER_SUBGRAPH_NAMES].sort()).toEqual(memberSubgraphs.map((m) => m.name).sort());
});

describe("the stack's secrets", () => {
  const members = new TextEncoder().encode('members-secret-of-at-least-thirty-two-chars');
  const partner = { name: 'patent-office', url: 'http://127.0.0.1:4010/graphql', secretEnv: 'PATENT_SECRET' };

  test("members share the members' secret", () => {
    const secretOf = gatewaySecrets(members, () => 'never-asked-for-a-member-subgraph-secret');
    expect(secretOf({ name: 'institutes', url: 'http://127.0.0.1:4001/graphql' })).toBe(members);
  });

  test('a partner proves with its own secret', () => {
    const secretOf = gatewaySecrets(members, () => 'partner-secret-of-at-least-thirty-two-chars');
    expect(new TextDecoder().decode(secretOf(partner))).toBe('partner-secret-of-at-least-thirty-two-chars');
  });

  test("a partner whose secret is missing is refused, never lent the members' secret", () => {
    const secretOf = gatewaySecrets(members, () => undefined);
    expect(() => secretOf(partner)).toThrow('PATENT_SECRET must hold a secret (≥ 32 characters)');
    expect(() => secretOf({ name: 'stand-in', url: 'http://127.0.0.1:4011/graphql' })).toThrow(
      "subgraph stand-in is not a member's: its config entry needs a secret of its own",
    );
  });

  test('a partner secret shorter than 32 characters is refused', () => {
    const secretOf = gatewaySecrets(members, () => 'short');
    expect(() => secretOf(partner)).toThrow('at least 32 characters');
  });
});

describe('the gateway alone (configured secrets): the same rule', () => {
  const GATEWAY_SECRET = 'members-secret-of-at-least-thirty-two-chars';
  const env = { GATEWAY_SECRET } as Environment;
  const decoded = (secret: Uint8Array): string => new TextDecoder().decode(secret);

  test('members share GATEWAY_SECRET', () => {
    expect(decoded(configuredSecrets(env)({ name: 'funds', url: 'http://funds:4004/graphql' }))).toBe(
      GATEWAY_SECRET,
    );
  });

  test("an entry that is not a member's and has no secret of its own is refused, never lent GATEWAY_SECRET", () => {
    expect(() => configuredSecrets(env)({ name: 'stand-in', url: 'http://stand-in/graphql' })).toThrow(
      "subgraph stand-in is not a member's: its config entry needs a secret of its own",
    );
  });

  test('a partner whose variable is empty is refused', () => {
    expect(() =>
      configuredSecrets(env)({
        name: 'patent-office',
        url: 'http://p/graphql',
        secretEnv: 'NO_SUCH_SECRET_SET',
      }),
    ).toThrow('NO_SUCH_SECRET_SET must hold a secret');
  });

  test('members without GATEWAY_SECRET are refused, naming the variable', () => {
    expect(() =>
      configuredSecrets({} as Environment)({ name: 'funds', url: 'http://funds/graphql' }),
    ).toThrow('GATEWAY_SECRET must hold a secret');
  });
});
