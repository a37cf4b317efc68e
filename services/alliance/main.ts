import { runSubgraphProcess } from '../../shared/subgraph-main';
import { alliance } from './index';

runSubgraphProcess(alliance);
