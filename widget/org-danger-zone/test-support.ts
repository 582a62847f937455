/**
 * Helpers for the widget's browser tests. Everything goes to the real BFF that the test runner
 * serves on the same origin: the demo endpoints set each scenario up, better-auth signs in.
 */
import { fixture, html } from '@open-wc/testing';
import '../index.js';
import type { OrgDangerZone } from './org-danger-zone.js';

export interface Ids {
  users: Record<string, string>;
  orgs: Record<string, string>;
}

export async function api<T = unknown>(path: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: init.json === undefined ? {} : { 'content-type': 'application/json' },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
    credentials: 'include',
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export const resetDemo = () => api<Ids>('/api/demo/reset', { method: 'POST' });

/** Signs in with the demo password; the session cookie is set for the test page's origin. */
export async function signIn(email: string): Promise<{ token: string }> {
  return api('/api/auth/sign-in/email', { json: { email, password: 'danger-zone-demo' } });
}

export async function signOut(): Promise<void> {
  await fetch('/api/auth/sign-out', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}' });
}

export async function until(check: () => boolean, message = 'condition', timeoutMs = 8000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function part<T extends Element = HTMLElement>(el: OrgDangerZone, name: string): T | null {
  return el.shadowRoot!.querySelector<T>(`[part~="${name}"]`);
}

export function parts<T extends Element = HTMLElement>(el: OrgDangerZone, name: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(`[part~="${name}"]`)];
}

export function text(el: OrgDangerZone): string {
  return (el.shadowRoot!.textContent ?? '').replace(/\s+/g, ' ');
}

/** Mounts the element and waits until it has rendered what the BFF answered. */
export async function mount(orgId: string, attributes: Record<string, string> = {}): Promise<OrgDangerZone> {
  const el = await fixture<OrgDangerZone>(html`<org-danger-zone org-id=${orgId}></org-danger-zone>`);
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  await settled(el);
  return el;
}

export async function settled(el: OrgDangerZone): Promise<void> {
  await until(() => el.shadowRoot?.querySelector('section')?.getAttribute('aria-busy') === 'false', 'the state to load');
  await el.updateComplete;
}

/** Records the events of a type that reach the document, i.e. that bubble out of the shadow root. */
export function recordEvents(type: string): { events: CustomEvent[]; stop(): void } {
  const events: CustomEvent[] = [];
  const listener = (e: Event) => events.push(e as CustomEvent);
  document.addEventListener(type, listener);
  return { events, stop: () => document.removeEventListener(type, listener) };
}

export function dialog(el: OrgDangerZone): HTMLDialogElement | null {
  return el.shadowRoot!.querySelector('dialog');
}

export async function type(input: HTMLInputElement, value: string): Promise<void> {
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}
