import type { ConformanceReport } from './conformance';

/** The conformance report as a person reads it in a terminal or a CI log: one line per probe. */
export function formatConformanceReport(report: ConformanceReport): string {
  const width = Math.max(...report.probes.map((p) => p.probe.length));
  const lines = [
    `Proof conformance: ${report.candidate} at ${report.url} (each probe asks { _service { sdl } })`,
    '',
  ];
  for (const p of report.probes) {
    const verdict = p.ok
      ? p.outcome
      : p.expected === 'refused' && p.outcome === 'accepted'
        ? 'WRONGLY ACCEPTED'
        : p.expected === 'accepted'
          ? `NOT ACCEPTED (${p.outcome})`
          : 'NOT REFUSED as the contract says (HTTP 401, UNAUTHENTICATED)';
    lines.push(`  ${p.ok ? '✓' : '✗'} ${p.probe.padEnd(width)}  ${verdict}: ${p.answer} — sent ${p.sends}`);
    if (p.deviation) lines.push(`      ! ${p.deviation}`);
  }
  const control = report.probes.find((p) => p.expected === 'accepted');
  const wronglyAccepted = report.probes.filter((p) => p.expected === 'refused' && p.outcome === 'accepted');
  const notRefused = report.probes.filter((p) => p.expected === 'refused' && p.outcome === 'other');
  const bad = report.probes.length - 1;
  lines.push('');
  if (report.ok)
    lines.push(`CONFORMS: ${report.candidate} accepted the gateway's proof and refused all ${bad} bad ones.`);
  if (control && !control.ok)
    lines.push(
      `NOT CONFORMING: ${report.candidate} did not accept a valid proof (${control.answer}): is the key the UTF-8 bytes of the secret's text, and the audience ${report.candidate}? See docs/integrators.md, "The gateway's proof".`,
    );
  if (wronglyAccepted.length)
    lines.push(
      `NOT CONFORMING: ${report.candidate} wrongly accepted ${wronglyAccepted.length} of ${bad} bad proofs: ${wronglyAccepted.map((p) => p.probe).join(', ')}.`,
    );
  if (notRefused.length)
    lines.push(
      `NOT CONFORMING: ${report.candidate} answered ${notRefused.length} bad proof(s) with neither data nor a refusal: ${notRefused.map((p) => p.probe).join(', ')}.`,
    );
  return lines.join('\n');
}
