import { useRef } from 'react';

/** A fresh key: 128 random bits in hex (getRandomValues works outside secure contexts too). */
function freshKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * One `Idempotency-Key` per intended change: the same inputs sent again (a retry after an
 * unknown outcome) keep their key, changed inputs get a new one, and a change that went
 * through forgets it so the next one is new.
 */
export function useIdempotencyKey(): { keyFor: (inputs: unknown) => string; done: () => void } {
  const last = useRef<{ inputs: string; key: string } | null>(null);
  return {
    keyFor(inputs) {
      const json = JSON.stringify(inputs);
      if (last.current?.inputs !== json) last.current = { inputs: json, key: freshKey() };
      return last.current.key;
    },
    done() {
      last.current = null;
    },
  };
}
