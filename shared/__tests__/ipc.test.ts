import { canonicalIpcCode, parseIpcCode, parseIpcCodes, parseIpcPrefix } from '../ipc';

/** The extensions of the client error `work` throws. */
function refusal(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return (error as { extensions?: unknown }).extensions;
  }
  return 'no error';
}

describe('IPC codes', () => {
  test.each([
    ['C07C 1/20', 'C07C 1/20'],
    ['c07c1/20', 'C07C 1/20'],
    ['  C08J  5 / 18 ', 'C08J 5/18'],
    ['G03F 7/004', 'G03F 7/004'],
    ['C08K 5/5313', 'C08K 5/5313'],
    ['H01L', 'H01L'],
    ['C08G 0064/34', 'C08G 64/34'],
  ])('%s is written %s', (input, canonical) => {
    expect(canonicalIpcCode(input)).toBe(canonical);
  });

  test.each([
    'C07C 1/2',
    'I07C 1/20',
    'C7C 1/20',
    'C07 1/20',
    'C07C 12345/20',
    'C07C 1-20',
    '',
    'photovoltaic',
  ])('"%s" is malformed', (input) => {
    expect(canonicalIpcCode(input)).toBeNull();
  });

  test('a malformed code is refused naming the field', () => {
    expect(refusal(() => parseIpcCode('C07C-1/20', 'input.ipcCode'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.ipcCode',
    });
  });

  test('a list names the offending element, removes duplicates and needs at least one code', () => {
    expect(parseIpcCodes(['C08J 5/18', 'c08j 5/18', 'H01L 31/048'], 'input.ipcCodes')).toEqual([
      'C08J 5/18',
      'H01L 31/048',
    ]);
    expect(refusal(() => parseIpcCodes(['C08J 5/18', 'bad'], 'input.ipcCodes'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.ipcCodes[1]',
    });
    expect(refusal(() => parseIpcCodes([], 'input.ipcCodes'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.ipcCodes',
    });
  });

  test.each([
    ['c', 'C'],
    ['C08', 'C08'],
    ['c08j', 'C08J'],
    ['C08J 5/', 'C08J 5/'],
    ['C08J  5/1', 'C08J 5/1'],
    // Written as codes may be written (no space, zero-padded group): stored codes have neither.
    ['C08J5/', 'C08J 5/'],
    ['c08j05/18', 'C08J 5/18'],
    ['C08J 5', 'C08J 5'],
    ['C08J5', 'C08J 5'],
  ])('prefix %s is accepted as %s', (input, prefix) => {
    expect(parseIpcPrefix(input, 'filter.ipcPrefix')).toBe(prefix);
  });

  test.each(['X', '8', 'C08%', 'C8J', 'C08J 5/18/1', 'C08J /18'])('prefix %s is refused', (input) => {
    expect(refusal(() => parseIpcPrefix(input, 'filter.ipcPrefix'))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'filter.ipcPrefix',
    });
  });
});
