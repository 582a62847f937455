/**
 * Helpers for the widget's browser tests. Everything goes to the real BFF that the test runner
 * serves on the same origin: the demo endpoints set each scenario up, better-auth signs in.
 *
 * Every wait here is for something to happen (a change of the element's rendering, an event, an
 * answer of the server), never for a time budget: on a busy machine a test takes longer, it does
 * not fail. The only clock is mocha's per-test ceiling (web-test-runner.config.mjs).
 */
import { fixture, html } from '@open-wc/testing';
import '../index.js';
import type { OrgDangerZone } from './org-danger-zone.js';

export interface Ids {
  users: Record<string, string>;
  orgs: Record<string, string>;
}

// ---------------------------------------------------------------- the server's answers

interface Waiter {
  matches: (url: URL, method: string) => boolean;
  resolve: (res: Response) => void;
}
const waiters = new Set<Waiter>();
const pageFetch = window.fetch.bind(window);
/** Requests whose answer is lost on the way back, as when a connection drops after the BFF answered. */
const drops = new Set<(url: URL, method: string) => boolean>();
/** Requests whose answer a proxy in between replaces with its own page (a 502 from a load balancer). */
const proxyPages = new Map<(url: URL, method: string) => boolean, Response>();

/** Every request the page made: its method, path and headers (what a test may check was sent). */
export const sent: { method: string; path: string; headers: Headers }[] = [];

// The page's fetch, watched: a test can wait for the answer to a request the element makes. The
// waiter gets a copy as the answer arrives; what the element makes of it shows in its rendering.
window.fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input), location.href);
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  sent.push({ method, path: url.pathname, headers: new Headers(init?.headers) });
  const res = await pageFetch(input, init);
  for (const drop of drops) {
    if (!drop(url, method)) continue;
    drops.delete(drop);
    throw new TypeError('Failed to fetch');
  }
  for (const [replaces, page] of proxyPages) {
    if (!replaces(url, method)) continue;
    proxyPages.delete(replaces);
    return page;
  }
  for (const waiter of waiters) {
    if (!waiter.matches(url, method)) continue;
    waiters.delete(waiter);
    waiter.resolve(res.clone());
  }
  return res;
};

/**
 * The next `method path` reaches the BFF, but a proxy in front answers with its own HTML page
 * instead (the way a load balancer answers 502 Bad Gateway): no JSON, no error code.
 */
export function proxyAnswersNext(path: string, method: string, status: number, statusText: string): void {
  const page = new Response(`<html><body><h1>${status} ${statusText}</h1></body></html>`, { status, statusText, headers: { 'content-type': 'text/html' } });
  proxyPages.set((url, m) => m === method && url.pathname.endsWith(path), page);
}

/**
 * The next `method path` reaches the BFF and is carried out, but its answer never arrives: the
 * page sees a network error. (Only the answer is lost, the way a dropped connection loses it.)
 */
export function loseNextAnswer(path: string, method: string): void {
  drops.add((url, m) => m === method && url.pathname.endsWith(path));
}

/** The next answer to `method path` (a path ending, or a pattern of the whole path). */
export function response(path: string | RegExp, method = 'GET'): Promise<Response> {
  return new Promise((resolve) => {
    const test = (p: string) => (typeof path === 'string' ? p.endsWith(path) : path.test(p));
    waiters.add({ matches: (url, m) => m === method.toUpperCase() && test(url.pathname), resolve });
  });
}

export async function api<T = unknown>(path: string, init: { method?: string; json?: unknown } = {}): Promise<T> {
  const res = await pageFetch(path, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    headers: init.json === undefined ? {} : { 'content-type': 'application/json' },
    body: init.json === undefined ? null : JSON.stringify(init.json),
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
  await pageFetch('/api/auth/sign-out', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}' });
}

/** Moves the server's clock (the demo clock the rules read). */
export const advanceClock = (ms: number) => api('/api/demo/clock', { json: { advanceMs: ms } });

// ---------------------------------------------------------------- the element

/**
 * Resolves once `check()` holds, checking again after every change of the element's shadow tree
 * (nodes, attributes, text), every focus move inside it, and every popover or dialog opening or
 * closing there: the events that can make a check true.
 */
export function until(el: OrgDangerZone, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const root = el.shadowRoot!;
    const events = ['focusin', 'focusout', 'toggle', 'close', 'input', 'change'];
    const observer = new MutationObserver(() => recheck());
    const recheck = () => {
      if (!check()) return;
      observer.disconnect();
      for (const type of events) root.removeEventListener(type, recheck, true);
      resolve();
    };
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    for (const type of events) root.addEventListener(type, recheck, true);
    recheck();
  });
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

/** The state (and the language) have loaded and rendered. */
export async function settled(el: OrgDangerZone): Promise<void> {
  await until(el, () => el.shadowRoot?.querySelector('section')?.getAttribute('aria-busy') === 'false');
  await el.updateComplete;
}

/** Records the events of a type that reach the document, i.e. that bubble out of the shadow root. */
export function recordEvents(type: string): { events: CustomEvent[]; next(): Promise<CustomEvent>; stop(): void } {
  const events: CustomEvent[] = [];
  let waiting: ((event: CustomEvent) => void)[] = [];
  const listener = (e: Event) => {
    events.push(e as CustomEvent);
    for (const resolve of waiting) resolve(e as CustomEvent);
    waiting = [];
  };
  document.addEventListener(type, listener);
  return {
    events,
    /** The next event of this type: ask before the action that fires it. */
    next: () => new Promise((resolve) => waiting.push(resolve)),
    stop: () => document.removeEventListener(type, listener),
  };
}

export function dialog(el: OrgDangerZone): HTMLDialogElement | null {
  return el.shadowRoot!.querySelector('dialog');
}

/** A reason's popover is open (in the top layer). */
export const isOpen = (tip: Element) => tip.matches(':popover-open');

/**
 * Chooses how to confirm it is you in the delete dialog, when the viewer has several ways (the
 * demo's better-auth offers an emailed code before the password), and waits for its field.
 */
export async function chooseStepUp(el: OrgDangerZone, method: 'password' | 'email_otp' | 'totp'): Promise<void> {
  const radio = el.shadowRoot!.querySelector<HTMLInputElement>(`input[name="step-up"][value="${method}"]`);
  if (radio && !radio.checked) radio.click();
  const field = method === 'password' ? 'password-input' : 'code-input';
  await until(el, () => part(el, field) !== null);
}

export async function type(input: HTMLInputElement, value: string): Promise<void> {
  input.focus();
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** The delete dialog is open and its intent created (the button no longer says "Preparing…"). */
export async function openDeleteDialog(el: OrgDangerZone): Promise<void> {
  part(el, 'delete-button')!.click();
  await until(el, () => dialog(el)?.open === true && !part(el, 'confirm-button')!.textContent!.includes('Preparing'));
}

/** The cooldown is over: the Delete button's label has no countdown any more. */
export const cooldownOver = (el: OrgDangerZone) => until(el, () => !/\(\d+\)/.test(part(el, 'confirm-button')!.textContent!));

// ---------------------------------------------------------------- what a person perceives

const norm = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** The element focused inside the widget (through its shadow root). */
export const focused = (el: OrgDangerZone): Element | null => el.shadowRoot!.activeElement;

/** A control's accessible name as a screen reader gets it from its content: what `aria-hidden` hides is left out. */
export function accessibleName(control: Element): string {
  const clone = control.cloneNode(true) as Element;
  for (const hidden of clone.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return norm(clone.textContent);
}

/**
 * What a screen reader would say of the widget from now on, in order: each new text of a live
 * region (`aria-live`, `role="status"`, `role="alert"`), and on each focus move the focused
 * element's own text (none for a field: its label is not a message) with its description
 * (`aria-describedby`). `count(text)` is how many of those contain the text: how often it is said.
 */
export function speech(el: OrgDangerZone): { said: string[]; count(text: string): number; stop(): void } {
  const root = el.shadowRoot!;
  const said: string[] = [];
  const last = new Map<Element, string>();
  const regions = () => [...root.querySelectorAll('[aria-live], [role="status"], [role="alert"]')];
  for (const region of regions()) last.set(region, norm(region.textContent));
  const observer = new MutationObserver(() => {
    for (const region of regions()) {
      const text = norm(region.textContent);
      if (text && last.get(region) !== text) said.push(text);
      last.set(region, text);
    }
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true });
  const onFocus = (event: Event) => {
    const target = event.composedPath()[0] as Element;
    const own = target.matches('input, select, textarea') ? '' : norm(target.textContent);
    const ids = (target.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const description = ids.map((id) => norm(root.getElementById(id)?.textContent)).join(' ');
    said.push(norm(`${own} ${description}`));
  };
  root.addEventListener('focusin', onFocus);
  return {
    said,
    count: (text) => said.filter((s) => s.includes(text)).length,
    stop: () => {
      observer.disconnect();
      root.removeEventListener('focusin', onFocus);
    },
  };
}

/**
 * The text of an element in the order it is seen, left to right: each character placed where it
 * is rendered. A name mirrored by the text around it ("Stark Billing Co." shown as ".Stark Billing
 * Co") reads back mirrored. For text on one line.
 */
export function seenText(node: Element): string {
  const chars: { ch: string; x: number }[] = [];
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const content = text.textContent ?? '';
    for (let i = 0; i < content.length; i++) {
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const box = range.getBoundingClientRect();
      chars.push({ ch: content[i]!, x: box.left + box.width / 2 });
    }
  }
  return chars
    .sort((a, b) => a.x - b.x)
    .map((c) => c.ch)
    .join('');
}
