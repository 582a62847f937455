/**
 * Shows a soft-disabled action's reasons: one at a time, on hover and on keyboard focus, in the top
 * layer (`popover="manual"`), so no `overflow: hidden` or stacking context of the host clips it,
 * placed by `place()` where it hides no other control. It stays while the pointer is on the button
 * or on the reason itself, or while the button has focus, and Escape dismisses it (WCAG 1.4.13).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { place, type Box } from './placement.js';
import type { ReasonTriggers } from './soft-action.js';

type Trigger = 'focus' | 'hover';
type Host = ReactiveControllerHost & HTMLElement;

const CONTROLS = 'button, a[href], input, select, textarea, [tabindex]';
/** Room kept between a reason and the viewport's edges. */
const EDGE = 4;

export class ReasonController implements ReactiveController, ReasonTriggers {
  #host: Host;
  #open: { id: string; via: Set<Trigger> } | null = null;
  #follow = () => this.#position();
  #onKey = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.#open) return;
    // Escape here dismisses the reason only: a dialog of the host page around us stays open.
    if (event.composedPath().includes(this.#host)) event.stopPropagation();
    this.#close();
  };

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
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

  leave(id: string, event: PointerEvent): void {
    const to = event.relatedTarget;
    const tip = this.#root.getElementById(id);
    const button = this.#anchor(id);
    if (to instanceof Node && (tip?.contains(to) || button?.contains(to))) return;
    this.hide(id, 'hover');
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
    const refused = [...this.#root.querySelectorAll<HTMLElement>('[aria-disabled="true"][aria-describedby]')];
    for (const button of refused) {
      const tip = button.getAttribute('aria-describedby')!;
      if (button.matches(':hover')) this.show(tip, 'hover');
      if (button === this.#root.activeElement) this.show(tip, 'focus');
    }
  }

  hostDisconnected(): void {
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
