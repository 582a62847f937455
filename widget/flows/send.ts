import { ApiFailure, type DangerZoneApi } from '../org-danger-zone/api.js';

/**
 * One `Idempotency-Key` per confirmation. Pressing the button again after no answer (the network
 * dropped it, or the BFF said "try later") sends the same request with the same key, so where the
 * first attempt did land the BFF replays its answer (the org left, the deletion scheduled) instead
 * of refusing a second one. Once a request has a definite answer, or the request changes (another
 * password, another successor), the next press is a new request with a new key: the BFF would
 * refuse a kept key with another body (422 `idempotency_key_reused`).
 */
export class RetryKey {
  #current: { request: string; key: string } | null = null;

  for(method: string, path: string, body: unknown): string {
    const request = `${method} ${path} ${JSON.stringify(body ?? null)}`;
    if (this.#current?.request !== request) this.#current = { request, key: newKey() };
    return this.#current.key;
  }

  /** The confirmation is over: its dialog closed, or its request had a definite answer. */
  reset(): void {
    this.#current = null;
  }
}

/** 128 random bits; `crypto.randomUUID` exists only in secure contexts, and hosts on plain http embed us too. */
function newKey(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** No answer, or one that says to try again later: the BFF kept nothing, a retry runs the request again. */
const tryLater = (status: number) => status === 0 || status === 408 || status === 409 || status === 425 || status === 429 || status >= 500;

/**
 * A write to the BFF and its JSON answer (nothing for a 204); a refusal throws its `ApiFailure`.
 * With a `RetryKey`, the write carries its confirmation's `Idempotency-Key`.
 */
export async function send<T = void>(api: DangerZoneApi, method: string, path: string, body?: unknown, retry?: RetryKey): Promise<T> {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  const idempotencyKey = retry?.for(method, path, body);
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  try {
    const res = await api.fetch(path, { method, headers, body: JSON.stringify(body) });
    retry?.reset();
    return (res.status === 204 ? undefined : await res.json()) as T;
  } catch (error) {
    // A 409 is "try later" only while the first attempt is still in flight; other 409s are answers.
    const answered = !(error instanceof ApiFailure && tryLater(error.status) && (error.status !== 409 || error.code === 'idempotency_key_in_use'));
    if (answered) retry?.reset();
    throw error;
  }
}
