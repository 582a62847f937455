/**
 * The zone's rare states, loaded only when one is shown (the first chunk has a size budget, and
 * most pages never show these): the owners' banner of a pending deletion, the notice a member
 * gets instead of the zone while it is pending (423), a legal hold's notice, and the answers that
 * are not the state (signed out, not a member, no org given, a server failure). The element
 * imports this before it renders such a state, so it renders whole at once; the one failure it
 * cannot wait for, no answer at all, is the first chunk's own (`zone-view.ts`).
 *
 * The banner says everything the deletion did and will do: the purge date (absolute, with its
 * time zone, and relative), who asked and when, who was told, who lost access and what stopped,
 * what is kept, and what owners can still do.
 */
import { css, html, nothing, type LitElement, type TemplateResult } from 'lit';
import { failureText, formatDate, formatRelative, named } from '../localization/formatting.js';
import type { DangerZoneState, ErrorDetail } from '../state.js';
import type { RareStrings } from '../translations/catalogue.js';
import { softAction } from '../reason/soft-action.js';
import type { ApiFailure } from './api.js';
import { adoptLazyStyles } from './lazy-styles.js';
import { heading, notice, type ZoneView } from './zone-view.js';

/** The strings of the language shown: its catalogue's, or English's, loaded beside this view. */
const strings = (v: ZoneView): RareStrings => v.i18n.catalogue?.rare ?? v.rare!.en;

/** Where the deletion emails link owners (issue 21): the page's settings, at the Cancel deletion button. */
const CANCEL_STEP = '#odz-cancel-deletion';

/**
 * The view's arrival: its rules join the element's (the first chunk has no use for them). Arriving
 * from a deletion email's link, the owner lands on Cancel deletion, focused and scrolled to; the
 * link itself changed nothing.
 */
export const adopt = (host: LitElement): void => {
  adoptLazyStyles(host, rareStyles);
  if (location.hash !== CANCEL_STEP) return;
  // The banner renders in a later update than this one: focus it as soon as it is there, once.
  const landing = {
    hostUpdated() {
      const cancel = host.renderRoot.querySelector<HTMLElement>('#cancel');
      if (!cancel) return;
      host.removeController(landing);
      cancel.focus();
    },
  };
  host.addController(landing);
};

/** "6 days and 4 hours" in the viewer's language, from now to the purge date; null once it has come. */
function timeLeft(locale: string, purgeAt: string, now: string): string | null {
  const hours = Math.floor((Date.parse(purgeAt) - Date.parse(now)) / 3_600_000);
  if (hours < 1) return null;
  const unit = (value: number, name: 'day' | 'hour') => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
  const [days, rest] = [Math.floor(hours / 24), hours % 24];
  const parts = [days > 0 ? unit(days, 'day') : '', rest > 0 ? unit(rest, 'hour') : ''].filter(Boolean);
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts);
}

/** The banner's own rules. */
const rareStyles = css`
  :host {
    --_danger-soft: var(--odz-color-danger-soft, light-dark(#fff1f0, #2d1214));
  }
  .banner {
    margin: var(--_space);
    padding: calc(var(--_space) * 0.75);
    border-radius: var(--_radius);
    border: 1px solid var(--_danger);
    background: var(--_danger-soft);
    display: grid;
    gap: 0.5em;
    justify-items: start;
  }
  .list {
    margin: 0;
    padding-inline-start: 1.2em;
  }
`;

/** A banner of the pending deletion: for owners with Cancel, for anyone else as the reason access is refused. */
const banner = (v: ZoneView, title: string, body: TemplateResult) =>
  html`<div part="banner" class="banner" role="region" aria-labelledby="banner-heading" tabindex="-1">
    ${heading(v.level + 1, title, 'banner-heading')}${body}
  </div>`;

export function pendingBanner(v: ZoneView, state: DangerZoneState, exports: TemplateResult | typeof nothing): TemplateResult | typeof nothing {
  const t = strings(v);
  const { org } = state;
  if (!org.purgeAt) return nothing;
  const requested = org.deletionRequestedAt ?? state.now;
  const left = timeLeft(v.i18n.locale, org.purgeAt, state.now);
  return banner(
    v,
    t.heading,
    html`<p>
        ${t.scheduled(formatDate(v.i18n, org.purgeAt), formatRelative(v.i18n, org.purgeAt, state.now))}
        <strong part="time-left">${left ? t.timeLeft(left) : t.imminent}</strong>
        ${org.deletionRequestedBy ? named((name) => t.requestedBy(name, formatDate(v.i18n, requested)), org.deletionRequestedBy.name) : nothing}
      </p>
      <p>${t.effects} ${t.kept}</p>
      ${org.legalHold ? html`<p>${t.legalHold.pending}</p>` : nothing}
      <p class="muted">${t.ownerHint}</p>
      <div class="actions">
        ${softAction(v.i18n, 'cancel', t.cancel, state.actions.cancelDeletion, '')}
        ${left ? softAction(v.i18n, 'delete-now', t.deleteNow, state.actions.deleteNow) : nothing}
      </div>
      ${exports}
      ${v.flows?.bannerError ? html`<p part="error" class="error" role="alert">${v.flows.bannerError}</p>` : nothing}`,
  );
}

export const legalHoldNotice = (v: ZoneView): TemplateResult => notice(strings(v).legalHold.notice, 'note');

/** A member of an org pending deletion (423): why access is refused, and which owners to ask. */
export function lockedView(v: ZoneView, detail: ErrorDetail): TemplateResult {
  const t = strings(v);
  const { purgeAt, contacts = [] } = detail;
  // The server's clock, so "in 6 days" counts from the time the rules use.
  const now = String(detail['now'] ?? new Date().toISOString());
  return banner(
    v,
    t.lockedHeading,
    html`<p>${purgeAt ? t.locked(formatDate(v.i18n, purgeAt), formatRelative(v.i18n, purgeAt, now)) : failureText(v.i18n, detail)}</p>
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

/** No org given (`org-id` empty). */
export const noOrg = (v: ZoneView): TemplateResult => notice(strings(v).noOrgId);

/** The server answered, but not with the state: signed out, not a member, or a failure with "Try again". */
export function answered(v: ZoneView, failure: ApiFailure): TemplateResult {
  const t = strings(v);
  if (failure.status === 401) return notice(t.signInRequired);
  if (failure.status === 404) return notice(t.notFound);
  // Only the BFF's own refusal adds its reason (in the catalogue's words); a proxy's page has none.
  return html`<div class="notice" role="alert" tabindex="-1">
    <p>${t.loadFailed}</p>
    ${failure.detail ? html`<p class="muted">${failureText(v.i18n, failure)}</p>` : nothing}
    <button type="button" id="retry" part="retry-button">${v.i18n.zone.retry}</button>
  </div>`;
}
