import { runSubgraphProcess } from '../../shared/subgraph-main';
import { enterprises } from './index';

runSubgraphProcess(enterprises);
