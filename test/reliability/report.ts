/**
 * Each reliability test records what it measured here; when the suite ends, the global teardown
 * writes docs/reliability-report.md from all of it. The suite runs twice, over a file and over a
 * remote URL (ODZ_TEST_DATABASE=remote); each run keeps the other's figures and replaces its own.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { remoteDatabase } from '../helpers/test-database.js';

const FIGURES = join(process.cwd(), 'test-results', 'reliability');
export const REPORT = join(process.cwd(), 'docs', 'reliability-report.md');
const mode = remoteDatabase ? 'remote' : 'file';
const modes = {
  file: 'Over a libSQL file (WAL), shared by the processes',
  remote: "Over a remote URL: the same file behind our Hrana-over-HTTP test server with sqld's rules, shared as Turso or sqld would be",
} as const;

export interface Figure {
  mode: keyof typeof modes;
  section: string;
  order: number;
  lines: string[];
}

export function record(order: number, section: string, lines: string[]): void {
  mkdirSync(FIGURES, { recursive: true });
  writeFileSync(join(FIGURES, `${mode}-${String(order).padStart(2, '0')}.json`), JSON.stringify({ mode, section, order, lines } satisfies Figure));
}

export function clearFigures(): void {
  mkdirSync(FIGURES, { recursive: true });
  for (const f of readdirSync(FIGURES)) if (f.startsWith(`${mode}-`)) rmSync(join(FIGURES, f));
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
    `Written by \`npm run test:reliability\` (both runs) on ${new Date().toISOString().slice(0, 10)} (${process.platform}, Node ${process.version}; ` +
      `the last run took ${(durationMs / 1000).toFixed(0)} s). Every figure below comes from those runs.`,
    '',
    ...(Object.keys(modes) as (keyof typeof modes)[]).flatMap((m) => {
      const mine = figures.filter((f) => f.mode === m);
      return mine.length === 0 ? [] : [`# ${modes[m]}`, '', ...mine.flatMap((f) => [`## ${f.section}`, '', ...f.lines.map((l) => `- ${l}`), ''])];
    }),
  ].join('\n');
  writeFileSync(REPORT, body);
}
