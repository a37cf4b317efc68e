import DataLoader from 'dataloader';
import { keptOrLoad, loadAndKeep, loadManyAndKeep, referenced } from '../loaders';

describe('loadAndKeep and keptOrLoad', () => {
  test('a value kept once it arrived is handed out as it is, without a promise or a second batch', async () => {
    const batches: string[][] = [];
    const loader = new DataLoader(async (keys: readonly string[]) => {
      batches.push([...keys]);
      return keys.map((key) => key.toUpperCase());
    });
    const before = keptOrLoad(loader, 'a');
    expect(before).toBeInstanceOf(Promise);
    await expect(loadAndKeep(loader, 'b')).resolves.toBe('B');
    expect(keptOrLoad(loader, 'b')).toBe('B');
    // One not kept is loaded as before, from the loader's own cache where it has one.
    await expect(keptOrLoad(loader, 'a')).resolves.toBe('A');
    expect(keptOrLoad(loader, 'a')).toBeInstanceOf(Promise);
    expect(batches).toEqual([['a', 'b']]);
  });

  test('each loader keeps its own values', async () => {
    const upper = new DataLoader(async (keys: readonly string[]) => keys.map((key) => key.toUpperCase()));
    const doubled = new DataLoader(async (keys: readonly string[]) => keys.map((key) => key + key));
    await loadAndKeep(upper, 'x');
    expect(keptOrLoad(upper, 'x')).toBe('X');
    await expect(keptOrLoad(doubled, 'x')).resolves.toBe('xx');
  });

  test('a failed load keeps nothing and fails as the loader does', async () => {
    const failing = new DataLoader(async (keys: readonly string[]) => keys.map(() => new Error('no row')));
    await expect(loadAndKeep(failing, 'z')).rejects.toThrow('no row');
    await expect(keptOrLoad(failing, 'z')).rejects.toThrow('no row');
  });
});

describe('loadManyAndKeep', () => {
  test('loads each key once in one batch, keeps every answer, null included, and hands back the rows found', async () => {
    const batches: string[][] = [];
    const loader = new DataLoader(async (keys: readonly string[]) => {
      batches.push([...keys]);
      return keys.map((key) => (key === 'gone' ? null : { id: key }));
    });
    const found = await loadManyAndKeep(loader, ['f1', 'f2', 'f1', 'gone', 'f2']);
    expect(found).toEqual([{ id: 'f1' }, { id: 'f2' }]);
    expect(batches).toEqual([['f1', 'f2', 'gone']]);
    expect(keptOrLoad(loader, 'f2')).toEqual({ id: 'f2' });
    expect(keptOrLoad(loader, 'gone')).toBeNull();
    expect(keptOrLoad(loader, 'f3')).toBeInstanceOf(Promise);
  });

  test('a failed key fails the whole load', async () => {
    const loader = new DataLoader(async (keys: readonly string[]) =>
      keys.map((key) => (key === 'bad' ? new Error('no row') : key)),
    );
    await expect(loadManyAndKeep(loader, ['ok', 'bad'])).rejects.toThrow('no row');
  });
});

describe('referenced', () => {
  test('a row at hand is answered at once; a missing one fails naming it, at once or when it arrives', async () => {
    expect(referenced({ id: 'f' }, 'facility f')).toEqual({ id: 'f' });
    expect(() => referenced(null, 'facility g')).toThrow('facility g is missing');
    await expect(referenced(Promise.resolve({ id: 'f' }), 'facility f')).resolves.toEqual({ id: 'f' });
    await expect(referenced(Promise.resolve(null), 'facility g')).rejects.toThrow('facility g is missing');
  });
});
