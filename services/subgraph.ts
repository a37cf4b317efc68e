import { runSubgraphProcess } from '../shared/subgraph-main';
import { memberSubgraphs } from './index';

/**
 * `npm run start:subgraph -- <name>`: one member subgraph as its own process, as
 * docker-compose runs it (`services/<name>/main.ts` is the same, one file per subgraph).
 */
const name = process.argv[2];
const module = memberSubgraphs.find((m) => m.name === name);
if (!module) {
  console.error(
    `usage: npm run start:subgraph -- <name>, one of ${memberSubgraphs.map((m) => m.name).join(', ')}`,
  );
  process.exit(2);
}
runSubgraphProcess(module);
