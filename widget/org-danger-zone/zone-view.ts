/**
 * What the zone shows before any click, as plain template functions: the rows of actions, the
 * pending banner (for owners) or the locked banner (for everyone else), and the failure states.
 * The element gives them a `ZoneView` with its strings, its formatting and its handlers.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Flows } from '../flows/flows-controller.js';
import type { LocalizationController } from '../localization/localization-controller.js';
import { softAction, type ReasonTriggers } from '../reason/soft-action.js';
import type { DangerZoneState, ErrorDetail } from '../state.js';
import type { ApiFailure } from './api.js';

export type DialogKind = 'leave' | 'hand-off' | 'delete';

export interface ZoneView {
  i18n: LocalizationController;
  reasons: ReasonTriggers;
  url: (path: string) => string;
  /** The flows once loaded: what the last action left to say (a notice, an error in the banner). */
  flows: Pick<Flows, 'notice' | 'bannerError'> | undefined;
  open: (kind: DialogKind, event: Event) => void;
  cancel: () => void;
  onExport: (event: Event, path: string) => void;
  /** Fetches what a click on an action will need (the dialogs), before the click. */
  prefetch: () => void;
}

const AUDIT_LOG = '/exports/audit-log.csv';
const MEMBERS = '/exports/members.csv';

export const notice = (text: string, role = 'status'): TemplateResult => html`<div class="notice" role=${role}>${text}</div>`;

/** A banner of the pending deletion: for owners with Cancel, for anyone else as the reason access is refused. */
const banner = (heading: string, body: TemplateResult) =>
  html`<div part="banner" class="banner" role="region" aria-labelledby="banner-heading"><h3 id="banner-heading">${heading}</h3>${body}</div>`;

function row(title: string, description: string, actions: TemplateResult) {
  return html`<div class="row">
    <div>
      <h3>${title}</h3>
      <p class="muted">${description}</p>
    </div>
    ${actions}
  </div>`;
}

export function exportLinks(v: ZoneView): TemplateResult {
  const t = v.i18n.zone.exports;
  const link = (part: string, path: string, label: string) =>
    html`<a part=${part} href=${v.url(path)} download @click=${(e: Event) => v.onExport(e, path)}>${label}</a>`;
  return html`<span class="actions">${link('export-audit-log', AUDIT_LOG, t.auditLog)}${link('export-members', MEMBERS, t.members)}</span>`;
}

function pendingBanner(v: ZoneView, state: DangerZoneState) {
  const t = v.i18n.zone.pending;
  const { org } = state;
  if (!org.purgeAt) return nothing;
  return banner(
    t.heading,
    html`<p>
        ${t.scheduled(v.i18n.date(org.purgeAt), v.i18n.relative(org.purgeAt, state.now))}
        ${org.deletionRequestedBy ? html`<bdi>${t.requestedBy(org.deletionRequestedBy.name)}</bdi>` : nothing}
      </p>
      ${org.legalHold ? html`<p>${v.i18n.zone.legalHold.pending}</p>` : nothing}
      <p class="muted">${t.ownerHint}</p>
      <div class="actions">${softAction(v, 'cancel', 'cancel-button', t.cancel, state.actions.cancelDeletion, v.cancel, true)}</div>
      ${state.actions.export.allowed ? exportLinks(v) : nothing}
      <p part="error" class="error" role="alert">${v.flows?.bannerError}</p>`,
  );
}

export function stateView(v: ZoneView, state: DangerZoneState): TemplateResult {
  const t = v.i18n.zone;
  const { actions, org } = state;
  const pending = org.status === 'pending_deletion';
  const handOff = !actions.leave.allowed && actions.handOff.allowed;
  return html`
    ${pending ? pendingBanner(v, state) : nothing}
    ${v.flows?.notice ? notice(v.flows.notice) : nothing}
    ${org.legalHold && !pending ? notice(t.legalHold.notice, 'note') : nothing}
    ${row(
      t.leave.title,
      t.leave.description,
      html`<div class="actions">
        ${handOff ? softAction(v, 'hand-off', '', t.leave.handOffButton, actions.handOff, (e) => v.open('hand-off', e)) : nothing}
        ${softAction(v, 'leave', 'leave-button', t.leave.button, actions.leave, (e) => v.open('leave', e))}
      </div>`,
    )}
    ${
      pending
        ? nothing
        : row(
            t.delete.title,
            t.delete.description(state.settings.graceDays),
            softAction(v, 'delete', 'delete-button', t.delete.button, actions.delete, (e) => v.open('delete', e), true),
          )
    }
    ${actions.export.allowed && !pending ? row(t.exports.title, t.exports.description, exportLinks(v)) : nothing}
  `;
}

/** A member of an org pending deletion (423): why access is refused, and which owners to ask. */
export function lockedView(v: ZoneView, detail: ErrorDetail): TemplateResult {
  const t = v.i18n.zone.pending;
  const { purgeAt, contacts = [] } = detail;
  // The server's clock, so "in 6 days" counts from the time the rules use.
  const now = String(detail['now'] ?? new Date().toISOString());
  return banner(
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

export function failureView(v: ZoneView, failure: ApiFailure, retry: () => void): TemplateResult {
  const t = v.i18n.zone;
  if (failure.status === 401) return notice(t.signInRequired);
  if (failure.status === 404) return notice(t.notFound);
  // No answer at all has nothing more to say than that; an answer adds the server's reason.
  const unanswered = failure.status === 0;
  return html`<div class="notice" role="alert">
    <p>${unanswered ? t.networkFailed : t.loadFailed}</p>
    ${unanswered ? nothing : html`<p class="muted">${v.i18n.failure(failure)}</p>`}
    <button type="button" @click=${retry}>${t.retry}</button>
  </div>`;
}
