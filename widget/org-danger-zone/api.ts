/**
 * The widget's client for the BFF (SPEC 4.2). Cookies by default; with a `getToken` function,
 * `Authorization: Bearer` and no cookies, for hosts on another origin.
 */
import { OdzErrorEvent } from '../events/odz-error.js';
import type { DangerZoneState, ErrorDetail } from '../state.js';

/** A refusal from the BFF (or the network, as status 0), with the spec's error body. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: ErrorDetail | null;
  /** The answer's headers (the rate limit's, for one); none without an answer. */
  readonly headers: Headers | null;

  constructor(status: number, code: string, message: string, detail: ErrorDetail | null = null, headers: Headers | null = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.headers = headers;
  }

  /**
   * The session is gone. A 401 can also be a refusal the delete dialog explains (a wrong password,
   * a sign-in too old to delete without one): those are the user's to fix, and the session stands.
   */
  get signedOut(): boolean {
    return this.status === 401 && this.code !== 'invalid_password' && this.code !== 'reauth_required';
  }

  /** `odz-error` for the host: this failure, and whether it should sign the user in again. */
  event(): OdzErrorEvent {
    return new OdzErrorEvent({ code: this.code, message: this.message, status: this.status, signedOut: this.signedOut });
  }
}

/** Where and as whom to ask, read at each request (the element itself, whose attributes may change). */
export interface ApiConfig {
  readonly apiBase: string;
  readonly orgId: string;
  readonly getToken: (() => Promise<string | null>) | undefined;
}

export class DangerZoneApi {
  readonly #config: ApiConfig;

  constructor(config: ApiConfig) {
    this.#config = config;
  }

  url(path: string): string {
    return `${this.#config.apiBase.replace(/\/+$/, '')}/orgs/${encodeURIComponent(this.#config.orgId)}${path}`;
  }

  /**
   * A response, or an `ApiFailure` for a refusal or no answer at all. The credentials are this
   * client's business; a write's method, JSON body and headers are its caller's (`flows/send.ts`),
   * which loads only after a click, so the first chunk does not carry them.
   */
  async fetch(path: string, init: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal } = {}): Promise<Response> {
    const headers = { ...init.headers };
    const token = await this.#config.getToken?.();
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await fetch(this.url(path), { ...init, headers, credentials: this.#config.getToken ? 'omit' : 'include' });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new ApiFailure(0, 'network_error', error instanceof Error ? error.message : String(error));
    }
    if (res.ok) return res;
    const detail = ((await res.json().catch(() => null)) as { error?: ErrorDetail } | null)?.error ?? null;
    throw new ApiFailure(res.status, detail?.code ?? 'http_error', detail?.message ?? res.statusText, detail, res.headers);
  }

  async state(signal: AbortSignal): Promise<DangerZoneState> {
    const res = await this.fetch('/danger-zone', { signal });
    // A 200 that is not the state (a proxy's page, say) is a failure to show, not an exception.
    return (await res.json().catch(() => {
      throw new ApiFailure(res.status, 'http_error', res.statusText);
    })) as DangerZoneState;
  }
}
