import type { CompositionProblem } from './composition';
import type { CheckReport } from './check';
import type { SchemaChange } from './schema-changes';

/** The report as a person reads it in a terminal or a CI log. */
export function formatCheckReport(report: CheckReport): string {
  const lines = [
    `Subgraph check: ${report.candidate} (${
      report.replaces ? 'a new version of a current subgraph' : 'a new subgraph'
    }), composed with ${report.others.join(', ') || 'no other subgraph'}`,
    '',
  ];
  if (report.baselineProblems.length) {
    lines.push(
      `✗ The current subgraphs do not compose by themselves (${report.baselineProblems.length} problem(s)); fix them before checking a candidate:`,
      ...report.baselineProblems.flatMap(formatProblem),
    );
  } else if (report.compositionProblems.length) {
    lines.push(
      `✗ Composition failed (${report.compositionProblems.length} error(s)):`,
      ...report.compositionProblems.flatMap(formatProblem),
    );
  } else {
    lines.push('✓ Composes with the current subgraphs');
    for (const warning of report.warnings) lines.push(`! ${warning}`);
    const byLevel = (level: SchemaChange['level']) => report.changes.filter((c) => c.level === level);
    const sections: [SchemaChange['level'], string, string][] = [
      ['BREAKING', '✗', 'Breaking changes for existing clients'],
      ['DANGEROUS', '!', 'Dangerous changes (allowed; tell clients)'],
      ['SAFE', '+', 'Safe changes'],
    ];
    for (const [level, mark, title] of sections) {
      const changes = byLevel(level);
      const shown = level === 'SAFE' ? headlines(changes) : changes;
      lines.push('', `${title}: ${changes.length}`);
      for (const c of shown) {
        lines.push(`  ${mark} ${c.path ? `${c.path}: ` : ''}${c.message}`);
        if (level !== 'SAFE' && c.reason) lines.push(`      ${c.reason}`);
      }
      if (shown.length < changes.length)
        lines.push(`  (${changes.length - shown.length} more: descriptions, and the members of new types)`);
    }
    lines.push(
      '',
      `Contract violations (every type, field, argument, enum value and input field needs a description): ${report.undescribed.length}`,
      ...report.undescribed.map((coordinate) => `  ✗ ${coordinate} has no description`),
    );
  }
  lines.push('', ...verdicts(report));
  return lines.join('\n');
}

/** The last lines: accepted, or each reason it is refused. */
function verdicts(report: CheckReport): string[] {
  if (report.ok) return [`ACCEPTED: ${report.candidate} composes and breaks no existing client.`];
  if (report.baselineProblems.length || report.compositionProblems.length)
    return [`REFUSED: ${report.candidate} does not compose with the current supergraph.`];
  const breaking = report.changes.filter((c) => c.level === 'BREAKING').length;
  const undescribed = report.undescribed.length;
  return [
    ...(breaking
      ? [
          `REFUSED: ${breaking} breaking change(s). Deprecate first (@deprecated(reason: "Use … instead")), remove later — see docs/integrators.md.`,
        ]
      : []),
    ...(undescribed
      ? [
          `REFUSED: ${undescribed} undescribed type(s)/field(s) (${report.undescribed.join(', ')}): give each a "description" — see docs/integrators.md.`,
        ]
      : []),
  ];
}

/** Safe changes worth a line: no description-only changes, nothing inside a type or field that is new. */
function headlines(changes: SchemaChange[]): SchemaChange[] {
  const added = new Set(
    changes.filter((c) => (c.type === 'TYPE_ADDED' || c.type === 'FIELD_ADDED') && c.path).map((c) => c.path),
  );
  return changes.filter((c) => {
    if (c.type.includes('DESCRIPTION')) return false;
    const segments = (c.path ?? '').split('.');
    return !segments.some((_, i) => i > 0 && added.has(segments.slice(0, i).join('.')));
  });
}

function formatProblem(problem: CompositionProblem): string[] {
  const concerns = [
    problem.subgraphs.length ? `subgraph(s) ${problem.subgraphs.join(', ')}` : '',
    problem.coordinates.length ? `types/fields ${problem.coordinates.join(', ')}` : '',
  ].filter(Boolean);
  return [`  ✗ [${problem.code}] ${concerns.join('; ')}`, `      ${problem.message}`];
}
