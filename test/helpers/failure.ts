/** What a rejected promise says along its cause chain (drizzle wraps the driver's error), or 'no error'. */
export async function failure(work: PromiseLike<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) messages.push(String((e as Error).message));
    return messages.join(' | ');
  }
  return 'no error';
}
