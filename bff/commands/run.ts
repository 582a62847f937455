/** Shared shell of the one-shot commands: clear configuration errors, exit codes. */
import { ConfigError } from '../env.js';

export async function runCommand(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(error instanceof ConfigError || error instanceof UsageError ? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
}

export class UsageError extends Error {}
