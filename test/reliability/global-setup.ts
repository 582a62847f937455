import { clearFigures, writeReport } from './report.js';

export default function setup() {
  const started = Date.now();
  clearFigures();
  return () => writeReport(Date.now() - started);
}
