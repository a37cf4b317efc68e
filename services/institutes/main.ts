import { runSubgraphProcess } from '../../shared/subgraph-main';
import { institutes } from './index';

runSubgraphProcess(institutes);
