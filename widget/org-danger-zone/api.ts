/**
 * The widget's client for the BFF (SPEC 4.2). Cookies by default; with a `getToken` function,
 * `Authorization: Bearer` and no cookies, for hosts on another origin.
 */
import type { DangerZoneState, DeletionIntentResponse, DeletionRequest, ErrorBody } from '../../shared/schemas.js';

export type ErrorDetail = ErrorBody['error'];

/** A refusal from the BFF (or the network, as status 0), with the spec's error body. */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: ErrorDetail | null;

  constructor(status: number, code: string, message: string, detail: ErrorDetail | null = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.detail = detail;
  }
}

export interface ApiConfig {
  apiBase: string;
  orgId: string;
  getToken?: (() => Promise<string | null>) | undefined;
}

export class DangerZoneApi {
  constructor(private readonly config: ApiConfig) {}

  url(path: string): string {
    const base = this.config.apiBase.replace(/\/+$/, '');
    return `${base}/orgs/${encodeURIComponent(this.config.orgId)}${path}`;
  }

  get usesBearer(): boolean {
    return typeof this.config.getToken === 'function';
  }

  async request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.config.getToken) {
      const token = await this.config.getToken();
      if (token) headers.authorization = `Bearer ${token}`;
    }
    let res: Response;
    try {
      res = await fetch(this.url(path), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: this.usesBearer ? 'omit' : 'include',
        signal,
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new ApiFailure(0, 'network_error', error instanceof Error ? error.message : String(error));
    }
    if (res.status === 204) return undefined as T;
    const json = (await res.json().catch(() => null)) as (T & Partial<ErrorBody>) | null;
    if (res.ok && json) return json;
    const detail = json?.error ?? null;
    throw new ApiFailure(res.status, detail?.code ?? 'http_error', detail?.message ?? res.statusText, detail);
  }

  state(signal?: AbortSignal) {
    return this.request<DangerZoneState>('GET', '/danger-zone', undefined, signal);
  }

  leave(successorUserId?: string) {
    return this.request<void>('POST', '/leave', successorUserId ? { successorUserId } : {});
  }

  createIntent() {
    return this.request<DeletionIntentResponse>('POST', '/deletion-intents');
  }

  confirmDeletion(body: DeletionRequest) {
    return this.request<{ status: 'pending_deletion'; purgeAt: string }>('POST', '/deletion', body);
  }

  cancelDeletion() {
    return this.request<{ status: 'active' }>('DELETE', '/deletion');
  }

  /** With bearer auth a link cannot carry the token: fetch the CSV and hand it over as a file. */
  async download(path: string, filename: string): Promise<void> {
    const token = await this.config.getToken?.();
    const res = await fetch(this.url(path), {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      credentials: this.usesBearer ? 'omit' : 'include',
    });
    if (!res.ok) {
      const detail = ((await res.json().catch(() => null)) as ErrorBody | null)?.error ?? null;
      throw new ApiFailure(res.status, detail?.code ?? 'http_error', detail?.message ?? res.statusText, detail);
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await res.blob());
    link.download = filename;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }
}
