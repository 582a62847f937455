import type { DangerZoneApi } from '../org-danger-zone/api.js';

/** A write to the BFF and its JSON answer (nothing for a 204); a refusal throws its `ApiFailure`. */
export async function send<T = void>(api: DangerZoneApi, method: string, path: string, body?: unknown): Promise<T> {
  const res = await api.fetch(path, { method, body });
  return (res.status === 204 ? undefined : await res.json()) as T;
}
