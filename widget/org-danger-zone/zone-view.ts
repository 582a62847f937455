/**
 * What the zone shows before any click, as plain template functions: the loading skeleton, the
 * rows of actions, the pending banner (for owners) or the locked banner (for everyone else), and
 * the failure states. The element gives them a `ZoneView`: its strings and formatting, where its
 * API is, its heading level, and what the last action left to say.
 *
 * Nothing here listens: the element handles clicks, focus and the pointer for its whole tree, by
 * the action's `id` (`soft-action.ts`) and by `a[download]` for the exports.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Flows } from '../flows/flows-controller.js';
import type { LocalizationController } from '../localization/localization-controller.js';
import { softAction } from '../reason/soft-action.js';
import type { DangerZoneState, ErrorDetail } from '../state.js';
import type { ApiFailure } from './api.js';

export type DialogKind = 'leave' | 'hand-off' | 'delete';

export interface ZoneView {
  i18n: LocalizationController;
  url: (path: string) => string;
  /** The level of the zone's own heading (`heading-level`); its sections' are one below. */
  level: number;
  /** The flows once loaded: what the last action left to say (a notice, an error in the banner). */
  flows: Pick<Flows, 'notice' | 'bannerError'> | undefined;
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

/** A name inside a sentence of the catalogue, isolated (`<bdi>`) so that its own direction cannot reorder the sentence. */
export function named(sentence: (name: string) => string, name: string): TemplateResult {
  const [before, after] = sentence('\u{E000}').split('\u{E000}');
  return html`${before}<bdi>${name}</bdi>${after}`;
}

/** A banner of the pending deletion: for owners with Cancel, for anyone else as the reason access is refused. */
const banner = (v: ZoneView, title: string, body: TemplateResult) =>
  html`<div part="banner" class="banner" role="region" aria-labelledby="banner-heading" tabindex="-1">
    ${heading(v.level + 1, title, 'banner-heading')}${body}
  </div>`;

const row = (v: ZoneView, title: string, description: string, actions: unknown) =>
  html`<div class="row" part="row"><div>${heading(v.level + 1, title)}<p class="muted">${description}</p></div>${actions}</div>`;

/** The loading state: the zone's three rows in outline, so nothing moves when the state arrives. */
export const skeleton = (loading: string): TemplateResult =>
  html`${[0, 1, 2].map(() => html`<div class="row skeleton" aria-hidden="true"><div><span></span><span></span></div><span></span></div>`)}
    <p class="sr-only">${loading}</p>`;

export function exportLinks(v: ZoneView): TemplateResult {
  const t = v.i18n.zone.exports;
  const link = (part: string, path: string, label: string) => html`<a part=${part} href=${v.url(path)} data-path=${path} download>${label}</a>`;
  return html`<span class="actions">${link('export-audit-log', '/exports/audit-log.csv', t.auditLog)}${link('export-members', '/exports/members.csv', t.members)}</span>`;
}

function pendingBanner(v: ZoneView, state: DangerZoneState) {
  const t = v.i18n.zone.pending;
  const { org } = state;
  if (!org.purgeAt) return nothing;
  return banner(
    v,
    t.heading,
    html`<p>
        ${t.scheduled(v.i18n.date(org.purgeAt), v.i18n.relative(org.purgeAt, state.now))}
        ${org.deletionRequestedBy ? named(t.requestedBy, org.deletionRequestedBy.name) : nothing}
      </p>
      ${org.legalHold ? html`<p>${v.i18n.zone.legalHold.pending}</p>` : nothing}
      <p class="muted">${t.ownerHint}</p>
      <div class="actions">${softAction(v.i18n, 'cancel', t.cancel, state.actions.cancelDeletion, '')}</div>
      ${state.actions.export.allowed ? exportLinks(v) : nothing}
      <p part="error" class="error" role="alert">${v.flows?.bannerError}</p>`,
  );
}

export function stateView(v: ZoneView, state: DangerZoneState): TemplateResult {
  const t = v.i18n.zone;
  const { actions, org } = state;
  const pending = org.status === 'pending_deletion';
  return html`
    ${pending ? pendingBanner(v, state) : nothing}
    ${v.flows?.notice ? notice(v.flows.notice) : nothing}
    ${org.legalHold && !pending ? notice(t.legalHold.notice, 'note') : nothing}
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
  `;
}

/** A member of an org pending deletion (423): why access is refused, and which owners to ask. */
export function lockedView(v: ZoneView, detail: ErrorDetail): TemplateResult {
  const t = v.i18n.zone.pending;
  const { purgeAt, contacts = [] } = detail;
  // The server's clock, so "in 6 days" counts from the time the rules use.
  const now = String(detail['now'] ?? new Date().toISOString());
  return banner(
    v,
    t.lockedHeading,
    html`<p>${purgeAt ? t.locked(v.i18n.date(purgeAt), v.i18n.relative(purgeAt, now)) : v.i18n.failure(detail)}</p>
      ${
        contacts.length > 0
          ? html`<p>${t.askOwners}</p>
            <ul class="list">
              ${contacts.map((c) => html`<li><bdi>${c.name}</bdi> · <a href="mailto:${c.email}">${c.email}</a></li>`)}
            </ul>`
          : nothing
      }`,
  );
}

export function failureView(v: ZoneView, failure: ApiFailure): TemplateResult {
  const t = v.i18n.zone;
  if (failure.status === 401) return notice(t.signInRequired);
  if (failure.status === 404) return notice(t.notFound);
  // No answer says no more than that; an answer without the spec's body (a proxy's 502) neither:
  // only the BFF's own refusal adds its reason, in the catalogue's words.
  const unanswered = failure.status === 0;
  return html`<div class="notice" role="alert" tabindex="-1">
    <p>${unanswered ? t.networkFailed : t.loadFailed}</p>
    ${unanswered || !failure.detail ? nothing : html`<p class="muted">${v.i18n.failure(failure)}</p>`}
    <button type="button" id="retry" part="retry-button">${t.retry}</button>
  </div>`;
}
