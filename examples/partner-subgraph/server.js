import { startPatentOffice } from './subgraph.js';

/**
 * `node server.js`: the patent office subgraph. Settings, all from the environment:
 *   PATENT_OFFICE_SECRET  the secret shared with the alliance gateway (≥ 32 characters, required)
 *   SUBGRAPH_NAME         its name in the supergraph config, the proof's audience (patent-office)
 *   PORT                  port to listen on; 0 picks a free one (4010)
 *   HOST                  interface to listen on (127.0.0.1)
 */
const name = process.env.SUBGRAPH_NAME || 'patent-office';
const port = Number(process.env.PORT ?? 4010);

try {
  const running = await startPatentOffice({
    name,
    secret: process.env.PATENT_OFFICE_SECRET ?? '',
    port: Number.isInteger(port) && port >= 0 ? port : 4010,
    host: process.env.HOST || '127.0.0.1',
  });
  console.log(`${name} subgraph ready at ${running.url}`);
  const shutdown = () => void running.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
} catch (error) {
  console.error(`${name} subgraph could not start: ${error.message}`);
  process.exit(1);
}
