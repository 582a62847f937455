/**
 * Each reliability test records what it measured here; when the suite ends, the global teardown
 * writes test/reliability/REPORT.md from all of it.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FIGURES = join(process.cwd(), 'test-results', 'reliability');
export const REPORT = join(process.cwd(), 'test', 'reliability', 'REPORT.md');

export interface Figure {
  section: string;
  order: number;
  lines: string[];
}

export function record(order: number, section: string, lines: string[]): void {
  mkdirSync(FIGURES, { recursive: true });
  writeFileSync(join(FIGURES, `${String(order).padStart(2, '0')}.json`), JSON.stringify({ section, order, lines } satisfies Figure));
}

export function clearFigures(): void {
  rmSync(FIGURES, { recursive: true, force: true });
}

export function writeReport(durationMs: number): void {
  mkdirSync(FIGURES, { recursive: true });
  const figures = readdirSync(FIGURES, { withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(FIGURES, f.name), 'utf8')) as Figure)
    .sort((a, b) => a.order - b.order);
  const body = [
    '# Reliability report',
    '',
    `Written by \`npm run test:reliability\` on ${new Date().toISOString().slice(0, 10)} (${process.platform}, Node ${process.version}, ` +
      `${(durationMs / 1000).toFixed(0)} s for the whole suite). Every figure below comes from that run.`,
    '',
    ...figures.flatMap((f) => [`## ${f.section}`, '', ...f.lines.map((l) => `- ${l}`), '']),
  ].join('\n');
  writeFileSync(REPORT, body);
}
