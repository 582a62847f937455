/** A command called with words it cannot take: its message is the usage, and the exit code is 2. */
export class UsageError extends Error {}
