#!/usr/bin/env node
/**
 * The package's `bin` (`npx org-danger-zone migrate|purge|mail|token|serve`), run by plain `node`
 * from dist/bff/bin.js. A file of its own because npm starts it through a symlink in
 * node_modules/.bin, where cli.ts's "am I the main module" check cannot recognise itself.
 */
import { cli, runCommand } from './cli.js';

await runCommand(() => cli(process.argv.slice(2)));
