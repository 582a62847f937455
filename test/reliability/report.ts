/**
 * Each reliability test records what it measured here; when the suite ends, the global teardown
 * writes docs/reliability-report.md from all of it. The suite runs three times, over a file, over a
 * remote URL (ODZ_TEST_DATABASE=remote) and over PostgreSQL (ODZ_TEST_DATABASE=postgres); each run
 * keeps the others' figures and replaces its own.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testEngine } from '../helpers/test-database.js';

const FIGURES = join(process.cwd(), 'test-results', 'reliability');
export const REPORT = join(process.cwd(), 'docs', 'reliability-report.md');
const mode = testEngine;
const modes = {
  file: 'Over a libSQL file (WAL), shared by the processes',
  remote: "Over a remote URL: the same file behind our Hrana-over-HTTP test server with sqld's rules, shared as Turso or sqld would be",
  postgres: 'Over PostgreSQL: a real server (a throwaway cluster the run starts), shared by the processes',
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
    `Written by \`npm run test:reliability\` (every run) on ${new Date().toISOString().slice(0, 10)} (${process.platform}, Node ${process.version}; ` +
      `the last run took ${(durationMs / 1000).toFixed(0)} s). Every figure below comes from those runs.`,
    '',
    ...(Object.keys(modes) as (keyof typeof modes)[]).flatMap((m) => {
      const mine = figures.filter((f) => f.mode === m);
      return mine.length === 0 ? [] : [`# ${modes[m]}`, '', ...mine.flatMap((f) => [`## ${f.section}`, '', ...f.lines.map((l) => `- ${l}`), ''])];
    }),
  ].join('\n');
  writeFileSync(REPORT, body);
}
