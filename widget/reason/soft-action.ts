/**
 * An action button that the server may refuse, in the shape of Material Web's `softDisabled`: a
 * refused action stays visible and focusable, says `aria-disabled="true"`, swallows its own click,
 * and explains itself in a reason (`part="reason"`, `role="tooltip"`) linked by `aria-describedby`.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Decision } from '../state.js';

/** What a refused action tells about the pointer and focus on it (a `ReasonController` listens). */
export interface ReasonTriggers {
  show(id: string, via: 'focus' | 'hover'): void;
  hide(id: string, via: 'focus' | 'hover'): void;
  /** The pointer left the button or the reason: closes it unless it went from one to the other. */
  leave(id: string, event: PointerEvent): void;
}

export interface SoftAction {
  /** Unique in the element; the reason's id is `${id}-reasons`. */
  id: string;
  /** The CSS part; none when empty. */
  part: string;
  label: string;
  decision: Decision;
  reasons: ReasonTriggers;
  /** Each reason's text, in the element's language. */
  text: (reason: Decision['reasons'][number]) => string;
  onActivate: (event: Event) => void;
  /** An allowed action's pointer or focus arriving: time to fetch what its click will need. */
  onIntent?: () => void;
  solid?: boolean;
}

const swallow = (event: Event) => {
  event.preventDefault();
  event.stopImmediatePropagation();
};

export function softAction(a: SoftAction): TemplateResult {
  const tip = `${a.id}-reasons`;
  const { reasons, decision } = a;
  const refused = !decision.allowed;
  const list = decision.reasons;
  return html`<button type="button" part=${a.part || nothing} class=${a.solid ? 'danger solid' : 'danger'} aria-disabled=${refused}
      aria-describedby=${refused ? tip : nothing} @click=${refused ? swallow : a.onActivate}
      @focus=${refused ? () => reasons.show(tip, 'focus') : a.onIntent} @blur=${refused ? () => reasons.hide(tip, 'focus') : nothing}
      @pointerenter=${refused ? () => reasons.show(tip, 'hover') : a.onIntent}
      @pointerleave=${refused ? (e: PointerEvent) => reasons.leave(tip, e) : nothing}>${a.label}</button>
    ${
      refused
        ? // A tooltip is named by its own text (ARIA: role tooltip, name from contents).
          // eslint-disable-next-line lit-a11y/accessible-name
          html`<div role="tooltip" id=${tip} part="reason" class="reason" popover="manual" @pointerleave=${(e: PointerEvent) => reasons.leave(tip, e)}>
          ${list.length === 1 ? a.text(list[0]!) : html`<ul>${list.map((r) => html`<li>${a.text(r)}</li>`)}</ul>`}
        </div>`
        : nothing
    }`;
}
