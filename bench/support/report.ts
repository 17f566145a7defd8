// The results table: printed, and kept as JSON and Markdown beside the benchmark.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Figure {
  figure: string;
  budget: string;
  measured: string;
  reference: string;
  ratio: string;
  /** true / false against the budget; null when the figure is reported without one. */
  pass: boolean | null;
}

export interface Report {
  title: string;
  date: string;
  machine: string;
  totalSeconds: number;
  figures: Figure[];
  notes: string[];
  raw: Record<string, unknown>;
}

const columns: [keyof Figure, string][] = [
  ['figure', 'figure'],
  ['budget', 'budget'],
  ['measured', 'measured'],
  ['reference', 'reference (measured)'],
  ['ratio', 'ratio'],
  ['pass', 'pass'],
];

function cell(f: Figure, key: keyof Figure): string {
  if (key === 'pass') return f.pass === null ? '—' : f.pass ? 'yes' : 'NO';
  return f[key] as string;
}

/** Fixed-width text for the terminal (CJK-free, so padding by length is right). */
export function textTable(figures: Figure[]): string {
  const rows = [columns.map(([, h]) => h), ...figures.map((f) => columns.map(([k]) => cell(f, k)))];
  const widths = columns.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.slice(1).map(line)].join('\n');
}

export function markdown(report: Report): string {
  const row = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [
    `# ${report.title}`,
    '',
    `${report.date} · ${report.machine} · total ${report.totalSeconds.toFixed(0)} s`,
    '',
    row(columns.map(([, h]) => h)),
    row(columns.map(() => '---')),
    ...report.figures.map((f) => row(columns.map(([k]) => cell(f, k)))),
    '',
    ...report.notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
}

export function writeReport(dir: string, name: string, report: Report): string[] {
  mkdirSync(dir, { recursive: true });
  const json = path.join(dir, `${name}.json`);
  const md = path.join(dir, `${name}.md`);
  writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(md, markdown(report));
  return [json, md];
}

export const fmt = {
  int: (n: number) => Math.round(n).toLocaleString('en-US'),
  ratio: (n: number) => n.toFixed(2),
  ms: (n: number) => `${n.toFixed(0)} ms`,
  mb: (n: number) => `${n.toFixed(0)} MB`,
  s: (n: number) => `${n.toFixed(1)} s`,
};
