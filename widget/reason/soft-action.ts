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

/**
 * What an action needs from the element around it (the zone's view has these): the reasons'
 * triggers, each reason's text in the element's language, and what to fetch when the pointer or
 * focus reaches an allowed action, before its click.
 */
export interface SoftActionView {
  reasons: ReasonTriggers;
  i18n: { notice(reason: Decision['reasons'][number]): string };
  prefetch: () => void;
}

const swallow = (event: Event) => {
  event.preventDefault();
  event.stopImmediatePropagation();
};

/**
 * One action button. `id` is unique in the element (its reason's id is `${id}-reasons`); `part` is
 * its CSS part, none when empty; `solid` fills it with the danger colour. Positional rather than
 * one options object: this runs in the first chunk, where every property name is bytes.
 */
export function softAction(
  v: SoftActionView,
  id: string,
  part: string,
  label: string,
  decision: Decision,
  onActivate: (event: Event) => void,
  solid = false,
): TemplateResult {
  const tip = `${id}-reasons`;
  const { reasons } = v;
  const refused = !decision.allowed;
  const list = decision.reasons;
  return html`<button type="button" part=${part || nothing} class=${solid ? 'danger solid' : 'danger'} aria-disabled=${refused}
      aria-describedby=${refused ? tip : nothing} @click=${refused ? swallow : onActivate}
      @focus=${refused ? () => reasons.show(tip, 'focus') : v.prefetch} @blur=${refused ? () => reasons.hide(tip, 'focus') : nothing}
      @pointerenter=${refused ? () => reasons.show(tip, 'hover') : v.prefetch}
      @pointerleave=${refused ? (e: PointerEvent) => reasons.leave(tip, e) : nothing}>${label}</button>
    ${
      refused
        ? // A tooltip is named by its own text (ARIA: role tooltip, name from contents).
          // eslint-disable-next-line lit-a11y/accessible-name
          html`<div role="tooltip" id=${tip} part="reason" class="reason" popover="manual" @pointerleave=${(e: PointerEvent) => reasons.leave(tip, e)}>
          ${list.length === 1 ? v.i18n.notice(list[0]!) : html`<ul>${list.map((r) => html`<li>${v.i18n.notice(r)}</li>`)}</ul>`}
        </div>`
        : nothing
    }`;
}
