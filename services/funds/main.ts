import { runSubgraphProcess } from '../../shared/subgraph-main';
import { funds } from './index';

runSubgraphProcess(funds);
