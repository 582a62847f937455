/**
 * What the zone shows before any click, as plain template functions: the loading skeleton, the
 * rows of actions and the one failure no lazy file can say (no answer at all); the rare states (a
 * pending deletion, a legal hold, other answers) come from `rare-view.ts`, loaded when one is
 * shown. The element gives them a `ZoneView`: its strings and formatting, where its API is, its
 * heading level, and what the last action left to say.
 *
 * Nothing here listens: the element handles clicks, focus and the pointer for its whole tree, by
 * the action's `id` (`soft-action.ts`) and by `a[download]` for the exports.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Flows } from '../flows/flows-controller.js';
import type { LocalizationController } from '../localization/localization-controller.js';
import { softAction } from '../reason/soft-action.js';
import type { DangerZoneState } from '../state.js';
import type { RareStrings } from '../translations/catalogue.js';
import type { ApiFailure } from './api.js';
import type * as RareView from './rare-view.js';

export type DialogKind = 'leave' | 'hand-off' | 'delete' | 'delete-now' | 'offer-ownership';

export interface ZoneView {
  i18n: LocalizationController;
  /** The view of the rare states (pending, locked, legal hold), once loaded: the element loads it before it renders one. */
  rare: (typeof RareView & { en: RareStrings }) | undefined;
  url: (path: string) => string;
  /** The level of the zone's own heading (`heading-level`); its sections' are one below. */
  level: number;
  /** The flows once loaded: what the last action left to say (a notice, an error in the banner). */
  flows: Pick<Flows, 'notice' | 'bannerError' | 'offerBanner' | 'ownershipRow'> | undefined;
}

/**
 * A heading at a level the host chooses: `role="heading"` with `aria-level`, since a template
 * cannot choose its tag. `tabindex="-1"` lets focus land on it after an action.
 */
export const heading = (level: number, text: unknown, id: string | typeof nothing = nothing): TemplateResult =>
  html`<div role="heading" aria-level=${level} part="heading" class="h" id=${id} tabindex="-1">${text}</div>`;

/**
 * A message of the zone. One that focus moves to after an action is not also a live region: the
 * move is what a screen reader reads, once.
 */
export const notice = (text: unknown, role: string | typeof nothing = nothing): TemplateResult =>
  html`<div class="notice" role=${role} tabindex="-1">${text}</div>`;

const row = (v: ZoneView, title: string, description: string, actions: unknown) =>
  html`<div class="row" part="row"><div>${heading(v.level + 1, title)}<p class="muted">${description}</p></div>${actions}</div>`;

/** The loading state: the zone's three rows in outline, so nothing moves when the state arrives. */
export const skeleton = (loading: string): TemplateResult =>
  html`${[0, 1, 2].map(() => html`<div class="row skeleton"></div>`)}
    <p class="sr-only">${loading}</p>`;

export function exportLinks(v: ZoneView): TemplateResult {
  const t = v.i18n.zone.exports;
  const link = (part: string, path: string, label: string) => html`<a part=${part} href=${v.url(path)} data-path=${path} download>${label}</a>`;
  return html`<span class="actions">${link('export-audit-log', '/exports/audit-log.csv', t.auditLog)}${link('export-members', '/exports/members.csv', t.members)}</span>`;
}

export function stateView(v: ZoneView, state: DangerZoneState): TemplateResult {
  const t = v.i18n.zone;
  const { actions, org } = state;
  const pending = org.status === 'pending_deletion';
  return html`
    ${pending ? v.rare?.pendingBanner(v, state, actions.export.allowed ? exportLinks(v) : nothing) : nothing}
    ${v.flows?.notice ? notice(v.flows.notice) : nothing}
    ${pending ? nothing : (v.flows?.offerBanner(v.level + 1, state) ?? nothing)}
    ${org.legalHold && !pending ? v.rare?.legalHoldNotice(v) : nothing}
    ${row(
      v,
      t.leave.title,
      t.leave.description,
      html`<div class="actions">
        ${!actions.leave.allowed && actions.handOff.allowed ? softAction(v.i18n, 'hand-off', t.leave.handOffButton, actions.handOff) : nothing}
        ${softAction(v.i18n, 'leave', t.leave.button, actions.leave)}
      </div>`,
    )}
    ${pending ? nothing : row(v, t.delete.title, t.delete.description(state.settings.graceDays), softAction(v.i18n, 'delete', t.delete.button, actions.delete))}
    ${actions.export.allowed && !pending ? row(v, t.exports.title, t.exports.description, exportLinks(v)) : nothing}
    ${v.flows?.ownershipRow(v.level + 1, state)}
  `;
}

/**
 * No answer at all (offline, the server down): said by the first chunk itself, since nothing else
 * could load. Any answer that is not the state is the rare states' view's to say (`rare-view.ts`).
 */
export function failureView(v: ZoneView, failure: ApiFailure): TemplateResult {
  return failure.status === 0 || !v.rare
    ? html`<div class="row" role="alert" tabindex="-1">
        <p>${v.i18n.zone.networkFailed}</p>
        <button type="button" id="retry" part="retry-button">${v.i18n.zone.retry}</button>
      </div>`
    : v.rare.answered(v, failure);
}
