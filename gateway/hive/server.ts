import http from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { listen } from '../../shared/http';
import { allianceHiveConfig, type AllianceHiveOptions } from './config';

export { withSubgraphUrls } from './config';

export interface HiveGatewayOptions extends AllianceHiveOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
}

export interface RunningHiveGateway {
  /** The GraphQL endpoint, `http://host:port/graphql`. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Hive Gateway in this process, on the alliance's configuration, listening on `port`: what
 * `npm run start:hive` runs and what the tests start beside the project's gateway.
 */
export async function startHiveGateway(options: HiveGatewayOptions): Promise<RunningHiveGateway> {
  const runtime = createGatewayRuntime(allianceHiveConfig(options));
  const server = http.createServer(runtime.requestListener);
  try {
    const url = await listen(server, options.port, options.host);
    return {
      url,
      async stop() {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await runtime.dispose();
      },
    };
  } catch (error) {
    await runtime.dispose();
    throw error;
  }
}
