/**
 * Shows a soft-disabled action's reasons: one at a time, on hover, on keyboard focus and on a tap
 * or click, in the top layer (`popover="manual"`), so no `overflow: hidden` or stacking context of
 * the host clips it, placed by `place()` where it hides no other control. It stays while the
 * pointer is on the button or on the reason itself, or while the button has focus, and Escape
 * dismisses it (WCAG 1.4.13). It listens on the element's shadow root, so the buttons carry no
 * handlers (see `soft-action.ts`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { place, type Box } from './placement.js';

type Trigger = 'focus' | 'hover';
type Host = ReactiveControllerHost & HTMLElement;

/** What a reason must not cover: what a person can click or Tab to (not headings that focus only lands on). */
const CONTROLS = 'button, a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])';
const REFUSED = '[aria-disabled="true"][aria-describedby]';
/** Room kept between a reason and the viewport's edges. */
const EDGE = 4;

/** The refused action an event happened on, or whose reason it happened on, and that reason's id. */
function refusedAt(target: EventTarget | null): { button: HTMLElement | null; tip: string } | null {
  if (!(target instanceof Element)) return null;
  const button = target.closest<HTMLElement>(REFUSED);
  if (button) return { button, tip: button.getAttribute('aria-describedby')! };
  const tip = target.closest('[role="tooltip"]');
  return tip ? { button: null, tip: tip.id } : null;
}

export class ReasonController implements ReactiveController {
  #host: Host;
  #open: { id: string; via: Set<Trigger> } | null = null;
  #follow = () => this.#position();
  #onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.#open) return;
    // This Escape dismisses the reason and nothing else: not a host's modal around us (its own
    // keydown handlers, or a native <dialog>'s close request, which a cancelled keydown skips).
    event.preventDefault();
    event.stopImmediatePropagation();
    this.#close();
  };
  #listeners: [string, (event: never) => void][] = [
    ['focusin', (e: FocusEvent) => this.#on(e.target, 'focus', true)],
    ['focusout', (e: FocusEvent) => this.#on(e.target, 'focus', false)],
    ['pointerover', (e: PointerEvent) => this.#on(e.target, 'hover', true)],
    ['pointerout', (e: PointerEvent) => this.#leave(e)],
  ];

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  /** A click or tap on a refused action: its reason shows, and stays while the action has focus (touch screens have no hover). */
  reveal(button: HTMLElement): void {
    button.focus();
    this.show(button.getAttribute('aria-describedby')!, 'focus');
  }

  show(id: string, via: Trigger): void {
    if (this.#open?.id !== id) {
      this.#close();
      this.#open = { id, via: new Set() };
      addEventListener('keydown', this.#onKey, true);
      addEventListener('scroll', this.#follow, { capture: true, passive: true });
      addEventListener('resize', this.#follow, { passive: true });
    }
    this.#open.via.add(via);
    this.#sync();
  }

  hide(id: string, via: Trigger): void {
    if (this.#open?.id !== id) return;
    this.#open.via.delete(via);
    if (this.#open.via.size > 0) return;
    this.#close();
    // Back to the reason of the action that still has focus, if the pointer had taken over.
    const focused = this.#root.activeElement;
    const tip = focused?.getAttribute('aria-describedby');
    if (via === 'hover' && tip && focused?.getAttribute('aria-disabled') === 'true') this.show(tip, 'focus');
  }

  #on(target: EventTarget | null, via: Trigger, on: boolean): void {
    const at = refusedAt(target);
    // Focus counts on the button only; the pointer on the button or on its reason.
    if (!at || (via === 'focus' && !at.button)) return;
    if (on) this.show(at.tip, via);
    else this.hide(at.tip, via);
  }

  /** The pointer left a refused action or its reason: the reason closes unless it went from one to the other. */
  #leave(event: PointerEvent): void {
    const from = refusedAt(event.target);
    if (!from) return;
    const to = event.relatedTarget;
    const tip = this.#root.getElementById(from.tip);
    const button = this.#anchor(from.tip);
    if (to instanceof Node && (tip?.contains(to) || button?.contains(to))) return;
    this.hide(from.tip, 'hover');
  }

  /** After each render: the reason's element may be new, or gone with the refusal it explained. */
  hostUpdated(): void {
    this.#sync();
  }

  /**
   * Started late (its chunk loads on the first pointer or focus): shows the reason of the refused
   * action that is hovered or focused by now, as if this had been listening all along.
   */
  hostConnected(): void {
    for (const [type, listener] of this.#listeners) this.#root.addEventListener(type, listener as EventListener);
    const refused = [...this.#root.querySelectorAll<HTMLElement>(REFUSED)];
    for (const button of refused) {
      const tip = button.getAttribute('aria-describedby')!;
      if (button.matches(':hover')) this.show(tip, 'hover');
      if (button === this.#root.activeElement) this.show(tip, 'focus');
    }
  }

  hostDisconnected(): void {
    for (const [type, listener] of this.#listeners) this.#root.removeEventListener(type, listener as EventListener);
    this.#close();
  }

  get #root(): ShadowRoot | Document {
    return this.#host.shadowRoot ?? document;
  }

  #anchor(id: string): HTMLElement | null {
    return this.#root.querySelector<HTMLElement>(`[aria-describedby="${id}"]`);
  }

  #sync(): void {
    if (!this.#open) return;
    const tip = this.#root.getElementById(this.#open.id);
    if (!tip) return this.#close();
    if (!tip.matches(':popover-open')) tip.showPopover();
    this.#position();
  }

  #close(): void {
    if (!this.#open) return;
    const tip = this.#root.getElementById(this.#open.id);
    if (tip?.matches(':popover-open')) tip.hidePopover();
    this.#open = null;
    removeEventListener('keydown', this.#onKey, true);
    removeEventListener('scroll', this.#follow, { capture: true });
    removeEventListener('resize', this.#follow);
  }

  #position(): void {
    const id = this.#open?.id;
    const tip = id ? this.#root.getElementById(id) : null;
    const anchor = id ? this.#anchor(id) : null;
    if (!tip || !anchor) return;
    const others = [...this.#root.querySelectorAll<HTMLElement>(CONTROLS)].filter((c) => c !== anchor && !tip.contains(c));
    // The page's focused control counts too: a reason never covers where the keyboard is.
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && focused !== this.#host && focused !== document.body) others.push(focused);
    const obstacles = others.map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
    const { width, height } = tip.getBoundingClientRect();
    const root = document.documentElement;
    const viewport: Box = { left: EDGE, top: EDGE, right: root.clientWidth - EDGE, bottom: root.clientHeight - EDGE };
    const rtl = getComputedStyle(anchor).direction === 'rtl';
    const spot = place(anchor.getBoundingClientRect(), { width, height }, viewport, obstacles, rtl);
    tip.style.left = `${spot.left}px`;
    tip.style.top = `${spot.top}px`;
  }
}
