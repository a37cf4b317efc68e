import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasOwnSecret, partnerSecret, stackSecrets } from '../secrets';

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

describe("the stack's secrets", () => {
  const members = new TextEncoder().encode('members-secret-of-at-least-thirty-two-chars');
  const isMember = (name: string): boolean => name === 'institutes';
  const partner = { name: 'patent-office', url: 'http://127.0.0.1:4010/graphql', secretEnv: 'PATENT_SECRET' };

  test("members share the members' secret", () => {
    const secretOf = stackSecrets(members, isMember, () => 'never-asked-for-a-member-subgraph-secret');
    expect(secretOf({ name: 'institutes', url: 'http://127.0.0.1:4001/graphql' })).toBe(members);
  });

  test('a partner proves with its own secret', () => {
    const secretOf = stackSecrets(members, isMember, () => 'partner-secret-of-at-least-thirty-two-chars');
    expect(new TextDecoder().decode(secretOf(partner))).toBe('partner-secret-of-at-least-thirty-two-chars');
  });

  test("a partner whose secret is missing is refused, never lent the members' secret", () => {
    const secretOf = stackSecrets(members, isMember, () => undefined);
    expect(() => secretOf(partner)).toThrow('PATENT_SECRET must hold a secret (≥ 32 characters)');
    expect(() => secretOf({ name: 'stand-in', url: 'http://127.0.0.1:4011/graphql' })).toThrow(
      "subgraph stand-in is not a member's: its config entry needs a secret of its own",
    );
  });

  test('a partner secret shorter than 32 characters is refused', () => {
    const secretOf = stackSecrets(members, isMember, () => 'short');
    expect(() => secretOf(partner)).toThrow('at least 32 characters');
  });
});
