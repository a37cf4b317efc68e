import 'reflect-metadata';
import { EmbeddedDatabase, openSubgraphDatabase } from '../database';
import { institutes } from '../../services/institutes';

/** A subgraph's database knows whether this start created it: the demo data's first start. */
test('the first opening creates the tables, the next one finds them', async () => {
  const embedded = await EmbeddedDatabase.open('memory://');
  try {
    const open = () =>
      openSubgraphDatabase({
        schema: 'institutes',
        target: { kind: 'embedded', database: embedded },
        entities: institutes.entities,
        migrations: institutes.migrations,
      });
    const first = await open();
    expect(first.created).toBe(true);
    await first.dataSource.destroy();
    const second = await open();
    expect(second.created).toBe(false);
    await second.dataSource.destroy();
  } finally {
    await embedded.close();
  }
});
