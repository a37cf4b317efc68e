import { readFileSync } from 'node:fs';
import type { SupergraphConfig } from '../../shared/supergraph-config';
import { spawnBenchProcess } from './child';

/** The gateways the benchmark compares, each run by test/bench/gateway-process.ts. */
export type GatewayKind = 'shipped' | 'untuned' | 'hive';

export interface GatewayPlan {
  kind: GatewayKind;
  config: SupergraphConfig;
  /** The subgraphs' gateway secret, as the stack was given it. */
  gatewaySecret: string;
  /** The benchmark's token signing key (base64url), issuer and audience. */
  authSecret: string;
  issuer: string;
  audience: string;
  maxCost: number;
}

export const GATEWAY_READY_MARK = 'gateway ready: ';

/** A gateway running in a process of its own (test/bench/gateway-process.ts). */
export interface GatewayProcess {
  name: string;
  url: string;
  /** CPU time (user + system) the process has used so far, in ms. */
  cpuMs: () => number;
  stop(): Promise<void>;
}

/** Linux counts a process's CPU time in clock ticks of 1/100 s (USER_HZ). */
const MS_PER_TICK = 10;

/** utime + stime of a process from /proc/<pid>/stat, in ms. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: count after its end.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields 14 and 15 of the line, utime and stime, are the 12th and 13th after the name.
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}

/** Starts one gateway in its own process and waits until it listens. */
export async function startGatewayProcess(name: string, plan: GatewayPlan): Promise<GatewayProcess> {
  const child = spawnBenchProcess('gateway-process.ts', plan, { LOG_LEVEL: 'warn' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((text) => text.startsWith(GATEWAY_READY_MARK));
      if (line && output.endsWith('\n')) resolve(line.slice(GATEWAY_READY_MARK.length).trim());
    });
    void exited.then((code) => reject(new Error(`the ${name} gateway process exited with ${code}`)));
  });
  return {
    name,
    url,
    cpuMs: () => processCpuMs(child.pid!),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
