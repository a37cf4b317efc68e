import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hasOwnSecret, partnerSecret } from '../secrets';

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
