import cliProgress from 'cli-progress';
import type { ScaleProgress } from './scale-data';

/** A terminal progress bar for the scale generators (rows done of all, the subgraph at work, ETA). */
export function progressBar(): ScaleProgress & { stop(): void } {
  const bar = new cliProgress.SingleBar(
    {
      format: '  {bar} {percentage}% | {value}/{total} rows | {subgraph} | {duration}s, ETA {eta}s',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    start(total) {
      bar.start(total, 0, { subgraph: 'migrating' });
      started = true;
    },
    advance(units, subgraph) {
      bar.increment(units, { subgraph });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
