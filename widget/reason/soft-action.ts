/**
 * An action button that the server may refuse, in the shape of Material Web's `softDisabled`: a
 * refused action stays visible and focusable, says `aria-disabled="true"`, does nothing when
 * activated but show its reason, and explains itself in a reason (`part="reason"`,
 * `role="tooltip"`) linked by `aria-describedby`.
 *
 * The button carries no handlers: the element listens on its whole tree (clicks, focus, pointer),
 * and the button's `id` names the action. That keeps the first chunk small, and one listener
 * serves every action the zone shows.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Decision } from '../state.js';

/** The actions of the zone; each is a button's `id`, its part is `<id>-button`. */
export type ActionId = 'leave' | 'hand-off' | 'delete' | 'delete-now' | 'offer-ownership' | 'cancel' | 'retry' | 'accept-offer' | 'decline-offer';

/**
 * One action. `look` is its class: `danger` for an outlined destructive action, none for a safe
 * one. Its reason's id is `<id>-reasons`.
 */
export function softAction(
  i18n: { notice(reason: Decision['reasons'][number]): string },
  id: ActionId,
  label: string,
  decision: Decision,
  look = 'danger',
): TemplateResult {
  const refused = !decision.allowed;
  const list = decision.reasons;
  return html`<button type="button" id=${id} part="${id}-button" class=${look} aria-disabled=${refused}
      aria-describedby=${refused ? `${id}-reasons` : nothing}>${label}</button>
    ${
      refused
        ? // A tooltip is named by its own text (ARIA: role tooltip, name from contents).
          // eslint-disable-next-line lit-a11y/accessible-name
          html`<div role="tooltip" id="${id}-reasons" part="reason" class="reason" popover="manual">
          ${list.length === 1 ? i18n.notice(list[0]!) : html`<ul>${list.map((r) => html`<li>${i18n.notice(r)}</li>`)}</ul>`}
        </div>`
        : nothing
    }`;
}
