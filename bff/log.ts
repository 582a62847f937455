/**
 * One line for the log: the message without any URL's credentials (an SMTP_URL carries a
 * password) and without line breaks, so nothing a job reports can forge another log line.
 */
export function describeError(error: unknown): string {
  let message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // drizzle puts the bound parameters (a session token, say) into its message: drop them.
  message = message.replace(/\nparams:[\s\S]*$/, '');
  const cause = error instanceof Error && error.cause instanceof Error ? ` (cause: ${error.cause.message})` : '';
  return `${message}${cause}`
    .replace(/\/\/[^/@\s]+@/g, '//***@')
    .replace(/[\r\n]+/g, ' ')
    .slice(0, 500);
}
