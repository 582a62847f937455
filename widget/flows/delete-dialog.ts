/**
 * The delete dialog, top to bottom in the order a person reads and Tabs through it: what
 * confirming does (with the date), what is deleted and what is kept, the exports, one sentence
 * with a checkbox per warning, the step-up (a choice among the viewer's methods; the password, a
 * code from an authenticator app or an email, or until when the sign-in is recent enough), the
 * exact name to type, and Cancel and Delete. Each part is a function of its
 * own, so that more can be added between them (a chosen purge date, a reason, other step-up
 * methods) without touching the rest.
 *
 * Every field says what is wrong with it under itself (`aria-invalid`, `aria-describedby`) once it
 * was left or Delete was pressed, never on every key; the server's refusals of one field show in
 * the same place. The Delete button's accessible name never changes with the countdown.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, named } from '../localization/formatting.js';
import type { LocalizationController } from '../localization/localization-controller.js';
import type { DangerZoneState } from '../state.js';
import type { Catalogue, DialogStrings } from '../translations/catalogue.js';
import type { DeletionFlow, Field } from './deletion-flow.js';
import { dialogFrame, type Frame } from './dialog-frame.js';

type Common = Omit<Frame, 'title' | 'body' | 'confirm' | 'closeLabel' | 'start'>;

/** What the delete dialog needs beyond its strings and state. */
export interface DeleteView {
  i18n: LocalizationController;
  flow: DeletionFlow;
  exports: TemplateResult;
  /** The host's billing page, linked beside the billing warnings. */
  billingUrl: string;
  /** "Try again" after the confirmation could not be started. */
  retry: () => void;
  /** Emails a one-time code (the email step-up). */
  sendCode: () => void;
  busy: boolean;
}

type Strings = DialogStrings['delete'];

const value = (e: Event) => (e.target as HTMLInputElement).value;
const time = (i18n: LocalizationController, at: number) => new Intl.DateTimeFormat(i18n.locale, { timeStyle: 'short' }).format(at);

/** The message under a field, if it shows one now, and the attributes that tie it to the field. */
function fieldMessage(flow: DeletionFlow, field: Field, problem: string | null) {
  const message = flow.refusal[field] ?? (problem !== null && flow.shows(field) ? problem : null);
  const id = `${field}-error`;
  return {
    invalid: message ? 'true' : 'false',
    describedBy: message ? id : '',
    view: message ? html`<p class="field-error" id=${id}>${message}</p>` : nothing,
  };
}

/**
 * The impact preview (issue 21): every record the final deletion removes, table by table, as the
 * purge will count them, the host's own tables included; folded, under the plain-words list.
 */
function preview(t: Strings, v: DeleteView): TemplateResult | typeof nothing {
  const counts = v.flow.preview && { ...v.flow.preview.tables, ...v.flow.preview.hostTables };
  if (!counts) return nothing;
  const rows = Object.entries(counts).filter(([, n]) => n > 0);
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  return html`<details part="deletion-preview">
    <summary part="deletion-preview-summary">${t.previewSummary(total)}</summary>
    <dl class="preview">
      ${rows.map(([table, n]) => html`<div><dt><code>${table}</code></dt><dd>${n.toLocaleString(v.i18n.locale)}</dd></div>`)}
    </dl>
  </details>`;
}

function impact(t: Strings, state: DangerZoneState): TemplateResult {
  const { impact } = state;
  const removed = [
    t.removedMembers(impact.members),
    impact.apiKeys > 0 ? t.removedApiKeys(impact.apiKeys) : null,
    impact.invitations > 0 ? t.removedInvitations(impact.invitations) : null,
    impact.creditsRemaining > 0 ? t.removedCredits(impact.creditsRemaining) : null,
    impact.subscription?.status === 'active' ? t.removedSubscription : null,
    t.removedData,
  ];
  return html`<div>
      <h3>${t.removedHeading}</h3>
      <ul class="list">${removed.map((line) => (line === null ? nothing : html`<li>${line}</li>`))}</ul>
    </div>
    <div>
      <h3>${t.keptHeading}</h3>
      <p>${t.kept}</p>
    </div>`;
}

const BILLING = new Set(['active_subscription', 'credits_remaining']);

function acknowledgements(t: Strings, v: DeleteView, state: DangerZoneState): TemplateResult | typeof nothing {
  const { flow } = v;
  const warnings = flow.warnings(state);
  if (warnings.length === 0) return nothing;
  const open = warnings.some((w) => !flow.acknowledged.has(w.code));
  const message = fieldMessage(flow, 'acknowledgements', open ? t.fieldAcknowledgements : null);
  return html`<fieldset aria-describedby=${message.describedBy || nothing}>
    <legend>${t.acknowledgeHeading}</legend>
    ${warnings.map((w) => {
      const checked = flow.acknowledged.has(w.code);
      return html`<div class="check">
        <label part="acknowledgement">
          <input type="checkbox" name=${w.code} .checked=${checked} aria-invalid=${message.view !== nothing && !checked ? 'true' : 'false'}
            @change=${(e: Event) => flow.acknowledge(w.code, (e.target as HTMLInputElement).checked)} />
          <span>${v.i18n.notice(w)}</span>
        </label>
        ${v.billingUrl && BILLING.has(w.code) ? html`<a part="billing-link" href=${v.billingUrl}>${t.billingLink}</a>` : nothing}
      </div>`;
    })}
    ${message.view}
  </fieldset>`;
}

/** The methods this dialog can ask for, in the viewer's order (a passkey is not asked for here yet). */
const asked = ['totp', 'email_otp', 'password', 'recent_sign_in'] as const;
type Asked = (typeof asked)[number];
const isAsked = (method: string): method is Asked => (asked as readonly string[]).includes(method);

/**
 * How the owner confirms it is them: a choice when they have several ways, then that way's field,
 * which says what is wrong under itself like the others.
 */
function stepUp(t: Strings, v: DeleteView, state: DangerZoneState, limitNote: string): TemplateResult {
  const { flow } = v;
  const method = flow.chosen(state);
  const offered = state.settings.stepUp.filter(isAsked);
  const choice =
    offered.length > 1
      ? html`<fieldset part="step-up-methods">
          <legend>${t.stepUpHeading}</legend>
          ${offered.map(
            (m) => html`<label class="check">
              <input type="radio" name="step-up" value=${m} .checked=${m === method} @change=${() => flow.choose(m)} />
              <span>${t.stepUpMethods[m]}</span>
            </label>`,
          )}
        </fieldset>`
      : nothing;
  /** A secret field (the password, a code) with its message under it and the limit's warning in its description. */
  const secret = (field: 'password' | 'code', label: string, input: (invalid: string, describedBy: string) => TemplateResult) => {
    const empty = field === 'password' ? flow.password === '' : flow.code.trim() === '';
    const message = fieldMessage(flow, field, empty ? (field === 'password' ? t.fieldPassword : t.fieldCode) : null);
    const describedBy = [message.describedBy, limitNote].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${field}>${label}</label>
      ${input(message.invalid, describedBy)} ${message.view}
    </div>`;
  };
  const code = (label: string) =>
    secret(
      'code',
      label,
      (invalid, describedBy) =>
        html`<input id="code" type="text" part="code-input" autocomplete="one-time-code" autocapitalize="off" spellcheck="false" .value=${flow.code}
          aria-invalid=${invalid} aria-describedby=${describedBy || nothing}
          @input=${(e: Event) => flow.type({ code: value(e) })} @blur=${() => flow.code && flow.leave('code')} />`,
    );
  // The choice stays one part of the template, so that choosing keeps focus on it.
  return html`${choice}${field()}`;

  function field(): TemplateResult | typeof nothing {
    switch (method) {
      case 'password':
        return secret(
          'password',
          t.password,
          (invalid, describedBy) =>
            html`<input id="password" type="password" part="password-input" autocomplete="current-password" .value=${flow.password}
              aria-invalid=${invalid} aria-describedby=${describedBy || nothing}
              @input=${(e: Event) => flow.type({ password: value(e) })} @blur=${() => flow.password && flow.leave('password')} />`,
        );
      case 'totp':
        return code(t.totpCode);
      case 'email_otp':
        return html`<p>
            <button type="button" part="send-code-button" ?disabled=${v.busy} @click=${v.sendCode}>${flow.codeSentTo ? t.resendCode : t.sendCode}</button>
          </p>
          ${flow.codeSentTo ? html`<p class="muted">${t.codeSent(flow.codeSentTo)}</p>` : nothing} ${code(t.emailCode)}`;
      default:
        return state.settings.reauthBy ? html`<p class="muted">${t.reauthBy(time(v.i18n, Date.parse(state.settings.reauthBy)))}</p>` : nothing;
    }
  }
}

/** `YYYY-MM-DD` of the day `days` from today, in the browser's calendar (what a date field reads and writes). */
const isoDay = (days: number) => {
  const day = new Date();
  day.setDate(day.getDate() + days);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
};
/** Whole days from today to a date field's `YYYY-MM-DD`. */
const daysUntil = (value: string) => {
  const [y, m, d] = value.split('-').map(Number);
  const today = new Date();
  return Math.round((new Date(y!, m! - 1, d!).getTime() - new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime()) / 86_400_000);
};

/**
 * When, and why (issue 21): a date within the deployment's bounds (the earliest unless changed),
 * and an optional reason with a few words of the owner's own. Only when scheduling.
 */
function whenAndWhy(t: Strings, v: DeleteView, state: DangerZoneState): TemplateResult {
  const { flow } = v;
  const { graceDays, maxGraceDays } = state.settings;
  const choices = Object.entries(t.reasons);
  return html`<div class="field">
      <label for="purge-date">${t.purgeDateLabel}</label>
      <input id="purge-date" type="date" part="purge-date-input" min=${isoDay(graceDays)} max=${isoDay(maxGraceDays)} required
        .value=${isoDay(flow.days(state))} aria-describedby="purge-date-hint"
        @change=${(e: Event) => flow.pickDays(value(e) ? daysUntil(value(e)) : graceDays, state)} />
      <p class="muted" id="purge-date-hint">${t.purgeDateHint(graceDays, maxGraceDays)}</p>
    </div>
    <div class="field">
      <label for="reason">${t.reasonLabel}</label>
      <select id="reason" part="reason-select" .value=${flow.reasonCode} @change=${(e: Event) => flow.reason({ reasonCode: value(e) })}>
        <option value="">${t.reasonNone}</option>
        ${choices.map(([code, label]) => html`<option value=${code} ?selected=${code === flow.reasonCode}>${label}</option>`)}
      </select>
      ${
        flow.reasonCode
          ? html`<label for="reason-text">${t.reasonTextLabel}</label>
            <textarea id="reason-text" part="reason-text" maxlength="500" rows="2" .value=${flow.reasonText}
              @input=${(e: Event) => flow.reason({ reasonText: value(e) })}></textarea>`
          : nothing
      }
    </div>`;
}

/** The exact name, spaces made visible (each a `·` over a real space: copying it copies the name). */
function exactName(name: string): TemplateResult {
  return html`<span part="exact-name" class="exact-name" id="exact-name" dir="auto">${name
    .split(/( )/)
    // The space is a binding: the build's template minifier would take a literal one out.
    .map((piece) => (piece === ' ' ? html`<span class="sp">${piece}</span>` : piece))}</span>`;
}

function nameField(t: Strings, v: DeleteView, state: DangerZoneState): TemplateResult {
  const { flow } = v;
  const problem = flow.missing(state).find((m) => m.field === 'name');
  const message = fieldMessage(flow, 'name', problem?.field === 'name' ? t.fieldName[problem.problem] : null);
  return html`<div class="field">
    <label for="confirm-name">${t.confirmLabel}</label>
    <p>${exactName(state.org.name)}</p>
    <p class="muted" id="name-hint">${t.exactNameHint}</p>
    <input id="confirm-name" type="text" part="confirm-input" dir="auto" autocomplete="off" autocapitalize="off" spellcheck="false"
      aria-invalid=${message.invalid} aria-describedby="exact-name name-hint ${message.describedBy}" .value=${flow.confirmName}
      @input=${(e: Event) => flow.type({ confirmName: value(e) })} @blur=${() => flow.confirmName && flow.leave('name')} />
    ${message.view}
  </div>`;
}

export function deleteDialog(c: Catalogue, state: DangerZoneState, v: DeleteView, common: Common): TemplateResult {
  const t = c.dialogs.delete;
  const { i18n, flow } = v;
  const { org } = state;
  const now = flow.mode === 'now';
  // The purge date if confirmed now, on the server's clock (the server sets the real one).
  const days = flow.days(state);
  const purgeIfNow = new Date(Date.parse(state.now) + days * 86_400_000).toISOString();
  const seconds = flow.remaining;
  const warn = flow.lastAttemptUntil > Date.now() && !flow.locked;
  const ready = flow.missing(state).length === 0;
  return dialogFrame({
    ...common,
    title: named(now ? t.nowTitle : t.title, org.name),
    body: html`<p id="dialog-intro">${now ? t.nowIntro(formatDate(i18n, org.purgeAt ?? purgeIfNow)) : t.intro(days, formatDate(i18n, purgeIfNow))}</p>
      ${impact(t, state)} ${preview(t, v)}
      <div>
        <h3>${t.exportHeading}</h3>
        ${v.exports}
      </div>
      ${now ? nothing : whenAndWhy(t, v, state)}
      ${acknowledgements(t, v, state)}
      ${stepUp(t, v, state, warn ? 'limit-note' : '')}
      ${nameField(t, v, state)}
      ${warn ? html`<p class="warning" id="limit-note">${t.lastAttempt(time(i18n, flow.lastAttemptUntil))}</p>` : nothing}
      <p part="cooldown" class="muted">${flow.intent && flow.cooling ? t.cooldownStarted(seconds) : nothing}</p>`,
    recover: flow.intentFailed ? html`<p><button type="button" part="retry-button" @click=${v.retry}>${c.dialogs.retry}</button></p>` : nothing,
    confirm: {
      // The countdown is seen, not heard: the button's name stays the same while it counts.
      label: common.busy
        ? c.dialogs.working
        : !flow.intent && !flow.intentFailed
          ? t.preparing
          : html`${now ? t.nowConfirm : t.confirm}${flow.cooling ? html`<span class="count" aria-hidden="true"> (${seconds.toLocaleString(i18n.locale)})</span>` : nothing}`,
      enabled: ready && !common.busy,
    },
    closeLabel: c.dialogs.close,
    start: 'heading',
  });
}
