import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import type { DangerZoneState, DeletionIntentResponse } from '../../shared/schemas.js';
import {
  OdzDeletionCancelledEvent,
  OdzDeletionScheduledEvent,
  OdzErrorEvent,
  OdzLeftEvent,
} from '../events/events.js';
import { catalogueFor, type Catalogue } from '../translations/index.js';
import { ApiFailure, DangerZoneApi, type ErrorDetail } from './api.js';
import { CooldownController } from './cooldown-controller.js';
import { styles } from './org-danger-zone.styles.js';

type Decision = DangerZoneState['actions']['leave'];
type Notice = Decision['reasons'][number] | Decision['warnings'][number];
type DialogKind = 'leave' | 'hand-off' | 'delete';

/** What a load of the state produced; the task never throws, so every outcome renders. */
type Loaded =
  | { kind: 'no-org' }
  | { kind: 'state'; state: DangerZoneState }
  | { kind: 'locked'; detail: ErrorDetail }
  | { kind: 'failed'; failure: ApiFailure };

/**
 * The danger zone of an organization's settings: leave it, delete it after a grace window, cancel
 * a pending deletion. It renders what the BFF's state endpoint says and asks the BFF for every
 * change; it never decides a rule itself.
 *
 * @summary Leave, delete, or cancel the deletion of an organization.
 *
 * @attr org-id - The organization's id (required).
 * @attr api-base - Where the BFF's API is mounted. Default `/api`.
 * @attr lang - The language of the strings (`en`, `de`); else the document's.
 *
 * @fires odz-left - The viewer left the organization. `detail: {orgId}`
 * @fires odz-deletion-scheduled - The viewer scheduled the deletion. `detail: {orgId, purgeAt}`
 * @fires odz-deletion-cancelled - The viewer cancelled the pending deletion. `detail: {orgId}`
 * @fires odz-error - A request failed; a 401 asks the host to sign the user in. `detail: {code, message, status}`
 *
 * @csspart leave-button - The Leave button.
 * @csspart delete-button - The Delete button that opens the delete dialog.
 * @csspart cancel-button - The Cancel deletion button in the pending banner.
 * @csspart reason - The tooltip that explains why an action is not available.
 * @csspart banner - The pending-deletion banner.
 * @csspart dialog - Each dialog.
 * @csspart successor-select - The new owner picker of the hand-off dialog.
 * @csspart password-input - The password field of the delete dialog.
 * @csspart confirm-input - The field for typing the organization's name.
 * @csspart acknowledgement - Each warning's checkbox label.
 * @csspart export-audit-log - The link to the audit log CSV.
 * @csspart export-members - The link to the members CSV.
 * @csspart cooldown - The cooldown status of the delete dialog.
 * @csspart confirm-button - The button that confirms a dialog.
 * @csspart error - Where an error from the server is shown.
 *
 * @cssproperty --odz-color-background - Background.
 * @cssproperty --odz-color-surface - Background of buttons, fields and notices.
 * @cssproperty --odz-color-text - Text.
 * @cssproperty --odz-color-muted - Secondary text.
 * @cssproperty --odz-color-border - Borders.
 * @cssproperty --odz-color-danger - The danger colour (frame, destructive buttons, errors).
 * @cssproperty --odz-color-danger-text - Text on the danger colour.
 * @cssproperty --odz-color-danger-soft - Background of the pending banner.
 * @cssproperty --odz-color-focus - Focus ring and links.
 * @cssproperty --odz-radius - Corner radius.
 * @cssproperty --odz-space - Base spacing.
 * @cssproperty --odz-font-family - Font family.
 * @cssproperty --odz-font-size - Base font size.
 */
export class OrgDangerZone extends LitElement {
  static override styles = styles;

  static override properties = {
    orgId: { type: String, attribute: 'org-id' },
    apiBase: { type: String, attribute: 'api-base' },
    lang: { type: String },
    getToken: { attribute: false },
    _dialog: { state: true },
    _busy: { state: true },
    _dialogError: { state: true },
    _intent: { state: true },
    _confirmName: { state: true },
    _password: { state: true },
    _acknowledged: { state: true },
    _successor: { state: true },
    _tooltip: { state: true },
    _announcement: { state: true },
    _notice: { state: true },
    _bannerError: { state: true },
    _leftOrgName: { state: true },
  };

  /** The organization's id. */
  declare orgId: string;
  /** Where the BFF's API is mounted. */
  declare apiBase: string;
  /** Returns a bearer token for hosts that do not share cookies with the BFF; unset means cookies. */
  declare getToken: (() => Promise<string | null>) | undefined;

  declare private _dialog: DialogKind | null;
  declare private _busy: boolean;
  declare private _dialogError: string;
  declare private _intent: DeletionIntentResponse | null;
  declare private _confirmName: string;
  declare private _password: string;
  declare private _acknowledged: ReadonlySet<string>;
  declare private _successor: string;
  declare private _tooltip: string | null;
  declare private _announcement: string;
  declare private _notice: string;
  declare private _bannerError: string;
  declare private _leftOrgName: string | null;

  #reloads = 0;
  #opener: HTMLElement | null = null;
  #cooldown = new CooldownController(this);
  #last: Loaded | undefined;

  #load = new Task(this, {
    args: () => [this.orgId, this.apiBase, this.getToken, this.#reloads] as const,
    task: async ([orgId], { signal }): Promise<Loaded> => {
      if (!orgId) return { kind: 'no-org' };
      try {
        return { kind: 'state', state: await this.#api.state(signal) };
      } catch (error) {
        if (!(error instanceof ApiFailure)) throw error;
        if (error.status === 423 && error.detail) return { kind: 'locked', detail: error.detail };
        this.#emitError(error);
        return { kind: 'failed', failure: error };
      }
    },
    onComplete: (value) => {
      this.#last = value;
    },
  });

  constructor() {
    super();
    this.orgId = '';
    this.apiBase = '/api';
    this.getToken = undefined;
    this._dialog = null;
    this._busy = false;
    this._dialogError = '';
    this._intent = null;
    this._confirmName = '';
    this._password = '';
    this._acknowledged = new Set();
    this._successor = '';
    this._tooltip = null;
    this._announcement = '';
    this._notice = '';
    this._bannerError = '';
    this._leftOrgName = null;
  }

  get #api(): DangerZoneApi {
    return new DangerZoneApi({ apiBase: this.apiBase, orgId: this.orgId, getToken: this.getToken });
  }

  get #t(): Catalogue {
    return catalogueFor(this.lang || document.documentElement.lang || navigator.language);
  }

  /** The locale for dates and numbers: the requested one if we have its strings, else theirs. */
  get #locale(): string {
    const requested = this.lang || document.documentElement.lang || navigator.language || 'en';
    return requested.toLowerCase().startsWith(this.#t.locale) ? requested : this.#t.locale;
  }

  /** The last danger-zone state the BFF sent, read-only (for hosts and QA tools). */
  get state(): DangerZoneState | null {
    return this.#state;
  }

  /** Loads the state again (after a change made elsewhere, for example). */
  reload(): void {
    this.#reloads++;
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('_dialog' as keyof OrgDangerZone) && this._dialog) {
      const dialog = this.renderRoot.querySelector('dialog');
      if (dialog && !dialog.open) dialog.showModal();
    }
  }

  // ---------------------------------------------------------------- handlers

  #emitError(failure: ApiFailure) {
    this.dispatchEvent(new OdzErrorEvent({ code: failure.code, message: failure.message, status: failure.status }));
  }

  #message(failure: ApiFailure): string {
    const translate = this.#t.errors[failure.code];
    const retryAfter = typeof failure.detail?.retryAfter === 'number' ? failure.detail.retryAfter : undefined;
    if (translate) return translate({ retryAfter });
    if (failure.status === 0) return this.#t.networkFailed;
    return failure.message;
  }

  #notice(notice: Notice): string {
    return ('host' in notice ? undefined : this.#t.notices[notice.code]?.(notice.params ?? {})) ?? notice.message;
  }

  #open(kind: DialogKind, event: Event) {
    this.#opener = event.currentTarget as HTMLElement;
    this._dialogError = '';
    this._notice = '';
    this._confirmName = '';
    this._password = '';
    this._acknowledged = new Set();
    this._successor = '';
    this._intent = null;
    this._dialog = kind;
    if (kind === 'delete') void this.#startIntent();
  }

  async #startIntent() {
    this._intent = null;
    this.#cooldown.stop();
    try {
      const intent = await this.#api.createIntent();
      if (this._dialog !== 'delete') return;
      this._intent = intent;
      const state = this.#state;
      this.#startCooldown(state?.settings.cooldownSeconds ?? 0);
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      this._dialogError = this.#message(error);
    }
  }

  #startCooldown(seconds: number) {
    this._announcement = this.#t.delete.cooldownStarted(seconds);
    this.#cooldown.start(seconds, () => {
      this._announcement = this.#t.delete.cooldownOver;
    });
  }

  #close() {
    this.renderRoot.querySelector('dialog')?.close();
  }

  #onDialogCancel(event: Event) {
    // Escape must not abandon a request in flight: its answer decides what the user sees next.
    if (this._busy) event.preventDefault();
  }

  #onDialogClose() {
    this._dialog = null;
    this._password = '';
    this.#cooldown.stop();
    const opener = this.#opener;
    this.#opener = null;
    // After the dialog is gone, focus goes back to the button that opened it (if it still exists).
    void this.updateComplete.then(() => {
      if (opener?.isConnected) opener.focus();
    });
  }

  async #submitLeave(event: Event) {
    event.preventDefault();
    if (this._busy) return;
    const handOff = this._dialog === 'hand-off';
    if (handOff && !this._successor) return;
    const orgName = this.#state?.org.name ?? '';
    this._busy = true;
    this._dialogError = '';
    try {
      await this.#api.leave(handOff ? this._successor : undefined);
      this._busy = false;
      this.#close();
      this._leftOrgName = orgName;
      this._announcement = this.#t.leave.done(orgName);
      this.dispatchEvent(new OdzLeftEvent({ orgId: this.orgId }));
    } catch (error) {
      this._busy = false;
      if (!(error instanceof ApiFailure)) throw error;
      this._dialogError = this.#message(error);
      this._announcement = this._dialogError;
    }
  }

  get #canConfirmDeletion(): boolean {
    const state = this.#state;
    if (!state || !this._intent || this._busy || this.#cooldown.running) return false;
    const name = state.org.name.normalize('NFC');
    if (this._confirmName.normalize('NFC') !== name) return false;
    if (state.settings.passwordRequired && this._password.length === 0) return false;
    return state.actions.delete.warnings.every((w) => this._acknowledged.has(w.code));
  }

  async #submitDeletion(event: Event) {
    event.preventDefault();
    const state = this.#state;
    if (!state || !this._intent || !this.#canConfirmDeletion) return;
    this._busy = true;
    this._dialogError = '';
    try {
      const result = await this.#api.confirmDeletion({
        intentId: this._intent.intentId,
        confirmName: this._confirmName,
        ...(state.settings.passwordRequired ? { password: this._password } : {}),
        acknowledgements: [...this._acknowledged] as never,
      });
      this._busy = false;
      this.#close();
      this._announcement = this.#t.delete.scheduled(this.#formatDate(result.purgeAt));
      this.dispatchEvent(new OdzDeletionScheduledEvent({ orgId: this.orgId, purgeAt: result.purgeAt }));
      this.reload();
    } catch (error) {
      this._busy = false;
      if (!(error instanceof ApiFailure)) throw error;
      this.#onDeletionRefused(error);
    }
  }

  /** Shows the refusal in the dialog and keeps what was typed, except a wrong password. */
  #onDeletionRefused(failure: ApiFailure) {
    this._dialogError = this.#message(failure);
    this._announcement = this._dialogError;
    if (failure.status === 401) this.#emitError(failure);
    const focus = (part: string) =>
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus());
    switch (failure.code) {
      case 'invalid_password':
        this._password = '';
        focus('password-input');
        break;
      case 'name_mismatch':
        focus('confirm-input');
        break;
      case 'cooldown_active':
        this.#startCooldown(Number(failure.detail?.retryAfter ?? 1));
        break;
      case 'intent_expired':
        void this.#startIntent().then(() => {
          this._dialogError = this.#message(failure);
        });
        break;
    }
  }

  async #cancelDeletion() {
    if (this._busy) return;
    this._busy = true;
    this._bannerError = '';
    try {
      await this.#api.cancelDeletion();
      this._busy = false;
      this._notice = this.#t.pending.cancelled;
      this._announcement = this._notice;
      this.dispatchEvent(new OdzDeletionCancelledEvent({ orgId: this.orgId }));
      this.reload();
    } catch (error) {
      this._busy = false;
      if (!(error instanceof ApiFailure)) throw error;
      this._bannerError = this.#message(error);
      this._announcement = this._bannerError;
    }
  }

  #onExport(event: Event, path: string) {
    if (!this.#api.usesBearer) return; // a plain link carries the cookie
    event.preventDefault();
    const slug = this.#state?.org.slug ?? 'organization';
    void this.#api.download(path, `${slug}-${path.split('/').pop()}`).catch((error: unknown) => {
      if (error instanceof ApiFailure) this._bannerError = this.#message(error);
    });
  }

  // ---------------------------------------------------------------- formatting

  get #state(): DangerZoneState | null {
    const loaded = this.#load.value ?? this.#last;
    return loaded?.kind === 'state' ? loaded.state : null;
  }

  #formatDate(iso: string): string {
    return new Intl.DateTimeFormat(this.#locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
  }

  #formatRelative(iso: string, now: string): string {
    const ms = new Date(iso).getTime() - new Date(now).getTime();
    const format = new Intl.RelativeTimeFormat(this.#locale, { numeric: 'auto' });
    const hours = ms / 3_600_000;
    if (Math.abs(hours) >= 24) return format.format(Math.round(hours / 24), 'day');
    if (Math.abs(hours) >= 1) return format.format(Math.round(hours), 'hour');
    return format.format(Math.round(ms / 60_000), 'minute');
  }

  #number(n: number): string {
    return new Intl.NumberFormat(this.#locale).format(n);
  }

  // ---------------------------------------------------------------- rendering

  /**
   * An action button. When the server says no, it stays visible and focusable but does nothing
   * (`aria-disabled`), and its reasons show in a tooltip on hover and on focus, linked by
   * `aria-describedby` and dismissed with Escape.
   */
  #action(id: string, part: string, label: string, decision: Decision, onActivate: (e: Event) => void, solid = false) {
    const blocked = !decision.allowed;
    const tipId = `${id}-reasons`;
    const show = () => (this._tooltip = id);
    const hide = () => {
      if (this._tooltip === id) this._tooltip = null;
    };
    return html`<span class="soft" @mouseenter=${blocked ? show : nothing} @mouseleave=${blocked ? hide : nothing}>
      <button
        type="button"
        part=${part}
        class="danger ${solid ? 'solid' : ''}"
        aria-disabled=${blocked ? 'true' : 'false'}
        aria-describedby=${blocked ? tipId : nothing}
        @focus=${blocked ? show : nothing}
        @blur=${blocked ? hide : nothing}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Escape' && this._tooltip === id) {
            e.stopPropagation();
            hide();
          }
        }}
        @click=${(e: Event) => (blocked ? e.preventDefault() : onActivate(e))}
      >
        ${label}
      </button>
      ${blocked
        ? html`<div role="tooltip" id=${tipId} part="reason" class="tooltip" ?hidden=${this._tooltip !== id}>
            ${decision.reasons.length === 1
              ? this.#notice(decision.reasons[0]!)
              : html`<ul>${decision.reasons.map((r) => html`<li>${this.#notice(r)}</li>`)}</ul>`}
          </div>`
        : nothing}
    </span>`;
  }

  #exportLinks() {
    const t = this.#t.delete;
    return html`<span class="actions">
      <a part="export-audit-log" href=${this.#api.url('/exports/audit-log.csv')} download
        @click=${(e: Event) => this.#onExport(e, '/exports/audit-log.csv')}>${t.exportAuditLog}</a>
      <a part="export-members" href=${this.#api.url('/exports/members.csv')} download
        @click=${(e: Event) => this.#onExport(e, '/exports/members.csv')}>${t.exportMembers}</a>
    </span>`;
  }

  #renderPendingBanner(state: DangerZoneState) {
    const t = this.#t.pending;
    const { org } = state;
    if (!org.purgeAt) return nothing;
    return html`<div part="banner" class="banner" role="region" aria-labelledby="banner-heading">
      <h3 id="banner-heading">${t.heading}</h3>
      <p>
        ${t.scheduled(this.#formatDate(org.purgeAt), this.#formatRelative(org.purgeAt, state.now))}
        ${org.deletionRequestedBy ? html`<bdi>${t.requestedBy(org.deletionRequestedBy.name)}</bdi>` : nothing}
      </p>
      <p class="muted">${t.ownerHint}</p>
      <div class="actions">
        ${this.#action('cancel', 'cancel-button', t.cancel, state.actions.cancelDeletion, () => void this.#cancelDeletion(), true)}
      </div>
      ${state.actions.export.allowed ? this.#exportLinks() : nothing}
      <p part="error" class="error" role="alert">${this._bannerError}</p>
    </div>`;
  }

  #renderState(state: DangerZoneState) {
    const t = this.#t;
    const { actions } = state;
    const pending = state.org.status === 'pending_deletion';
    const showHandOff = !actions.leave.allowed && actions.handOff.allowed;
    return html`
      ${pending ? this.#renderPendingBanner(state) : nothing}
      ${this._notice ? html`<div class="notice" role="status">${this._notice}</div>` : nothing}
      <div class="row">
        <div>
          <h3>${t.leave.title}</h3>
          <p class="muted">${t.leave.description}</p>
        </div>
        <div class="actions">
          ${showHandOff
            ? html`<button type="button" class="danger" @click=${(e: Event) => this.#open('hand-off', e)}>${t.leave.handOffButton}</button>`
            : nothing}
          ${this.#action('leave', 'leave-button', t.leave.button, actions.leave, (e) => this.#open('leave', e))}
        </div>
      </div>
      ${pending
        ? nothing
        : html`<div class="row">
            <div>
              <h3>${t.delete.title}</h3>
              <p class="muted">${t.delete.description(state.settings.graceDays)}</p>
            </div>
            ${this.#action('delete', 'delete-button', t.delete.button, actions.delete, (e) => this.#open('delete', e), true)}
          </div>`}
      ${actions.export.allowed && !pending
        ? html`<div class="row">
            <div>
              <h3>${t.exportRow.title}</h3>
              <p class="muted">${t.exportRow.description}</p>
            </div>
            ${this.#exportLinks()}
          </div>`
        : nothing}
      ${this.#renderDialog(state)}
    `;
  }

  #dialogFrame(title: string, onSubmit: (e: Event) => void, body: TemplateResult, confirm: TemplateResult) {
    return html`<dialog part="dialog" aria-labelledby="dialog-title" @cancel=${this.#onDialogCancel} @close=${this.#onDialogClose}>
      <form @submit=${onSubmit} novalidate aria-busy=${this._busy ? 'true' : 'false'}>
        <h2 id="dialog-title">${title}</h2>
        ${body}
        <p part="error" class="error" role="alert">${this._dialogError}</p>
        <div class="footer">
          <button type="button" ?autofocus=${this._dialog === 'leave'} @click=${() => !this._busy && this.#close()}>${this.#t.close}</button>
          ${confirm}
        </div>
      </form>
    </dialog>`;
  }

  #renderDialog(state: DangerZoneState) {
    const t = this.#t;
    const name = state.org.name;
    if (this._dialog === 'leave') {
      return this.#dialogFrame(
        t.leave.dialogTitle(name),
        (e) => void this.#submitLeave(e),
        html`<p>${t.leave.dialogBody(name)}</p>`,
        html`<button type="submit" part="confirm-button" class="danger solid" aria-disabled=${this._busy ? 'true' : 'false'}>
          ${this._busy ? t.working : t.leave.confirm}
        </button>`,
      );
    }
    if (this._dialog === 'hand-off') {
      return this.#dialogFrame(
        t.leave.handOffTitle(name),
        (e) => void this.#submitLeave(e),
        html`<p>${t.leave.handOffBody}</p>
          <label class="field">${t.leave.successorLabel}
            <select part="successor-select" required autofocus .value=${this._successor}
              @change=${(e: Event) => (this._successor = (e.target as HTMLSelectElement).value)}>
              <option value="">${t.leave.successorPlaceholder}</option>
              ${state.successors.map(
                (s) => html`<option value=${s.userId} ?selected=${s.userId === this._successor}>${s.name} (${s.email}) · ${t.roles[s.role]}</option>`,
              )}
            </select>
          </label>`,
        html`<button type="submit" part="confirm-button" class="danger solid"
          aria-disabled=${!this._successor || this._busy ? 'true' : 'false'}>${this._busy ? t.working : t.leave.handOffConfirm}</button>`,
      );
    }
    if (this._dialog === 'delete') return this.#renderDeleteDialog(state);
    return nothing;
  }

  #renderDeleteDialog(state: DangerZoneState) {
    const t = this.#t.delete;
    const { impact, org } = state;
    const seconds = this.#cooldown.remaining;
    const waiting = !this._intent || this.#cooldown.running;
    const removed = [
      t.removedMembers(impact.members),
      impact.apiKeys > 0 ? t.removedApiKeys(impact.apiKeys) : null,
      impact.invitations > 0 ? t.removedInvitations(impact.invitations) : null,
      impact.creditsRemaining > 0 ? t.removedCredits(this.#number(impact.creditsRemaining)) : null,
      impact.subscription?.status === 'active' ? t.removedSubscription : null,
      t.removedData,
    ].filter((line): line is string => line !== null);
    const label = !this._intent
      ? t.preparing
      : this._busy
        ? this.#t.working
        : this.#cooldown.running
          ? t.confirmWithCooldown(seconds)
          : t.confirm;
    return this.#dialogFrame(
      t.dialogTitle(org.name),
      (e) => void this.#submitDeletion(e),
      html`<p>${t.dialogIntro(state.settings.graceDays)}</p>
        <div>
          <h3>${t.removedHeading}</h3>
          <ul class="list">${removed.map((line) => html`<li>${line}</li>`)}</ul>
        </div>
        <div>
          <h3>${t.keptHeading}</h3>
          <p>${t.kept}</p>
        </div>
        <div>
          <h3>${t.exportHeading}</h3>
          ${this.#exportLinks()}
        </div>
        ${state.actions.delete.warnings.length > 0
          ? html`<fieldset>
              <legend>${t.acknowledgeHeading}</legend>
              ${state.actions.delete.warnings.map(
                (w) => html`<label class="check" part="acknowledgement">
                  <input type="checkbox" name=${w.code} .checked=${this._acknowledged.has(w.code)}
                    @change=${(e: Event) => {
                      const next = new Set(this._acknowledged);
                      if ((e.target as HTMLInputElement).checked) next.add(w.code);
                      else next.delete(w.code);
                      this._acknowledged = next;
                    }} />
                  <span>${this.#notice(w)}</span>
                </label>`,
              )}
            </fieldset>`
          : nothing}
        ${state.settings.passwordRequired
          ? html`<label class="field">${t.password}
              <input type="password" part="password-input" autocomplete="current-password" autofocus .value=${this._password}
                @input=${(e: Event) => (this._password = (e.target as HTMLInputElement).value)} />
            </label>`
          : nothing}
        <div class="field">
          <label for="confirm-name">${t.confirmLabel}</label>
          <p><span class="exact-name" id="exact-name">${org.name}</span></p>
          <input id="confirm-name" type="text" part="confirm-input" autocomplete="off" autocapitalize="off" spellcheck="false"
            ?autofocus=${!state.settings.passwordRequired}
            aria-describedby="exact-name" .value=${this._confirmName}
            @input=${(e: Event) => (this._confirmName = (e.target as HTMLInputElement).value)} />
        </div>
        <p part="cooldown" class="muted">${waiting && this._intent ? t.cooldownStarted(seconds) : nothing}</p>`,
      html`<button type="submit" part="confirm-button" class="danger solid"
        aria-disabled=${this.#canConfirmDeletion ? 'false' : 'true'}>${label}</button>`,
    );
  }

  #renderLocked(detail: ErrorDetail) {
    const t = this.#t.pending;
    const purgeAt = typeof detail.purgeAt === 'string' ? detail.purgeAt : null;
    const now = typeof detail.now === 'string' ? detail.now : new Date().toISOString();
    const contacts = (detail.contacts ?? []) as { name: string; email: string }[];
    return html`<div part="banner" class="banner" role="region" aria-labelledby="banner-heading">
      <h3 id="banner-heading">${t.lockedHeading}</h3>
      <p>${purgeAt ? t.locked(this.#formatDate(purgeAt), this.#formatRelative(purgeAt, now)) : detail.message}</p>
      ${contacts.length > 0
        ? html`<p>${t.askOwners}</p>
            <ul class="list">
              ${contacts.map((c) => html`<li><bdi>${c.name}</bdi> · <a href="mailto:${c.email}">${c.email}</a></li>`)}
            </ul>`
        : nothing}
    </div>`;
  }

  #renderFailure(failure: ApiFailure) {
    const t = this.#t;
    if (failure.status === 401) return html`<div class="notice" role="status">${t.signInRequired}</div>`;
    if (failure.status === 404) return html`<div class="notice" role="status">${t.notFound}</div>`;
    return html`<div class="notice" role="alert">
      <p>${failure.status === 0 ? t.networkFailed : t.loadFailed}</p>
      <p class="muted">${this.#message(failure)}</p>
      <button type="button" @click=${() => this.reload()}>${t.retry}</button>
    </div>`;
  }

  #renderBody(loaded: Loaded | undefined) {
    const t = this.#t;
    if (this._leftOrgName !== null) return html`<div class="notice" role="status">${t.leave.done(this._leftOrgName)}</div>`;
    if (!loaded) return html`<div class="skeleton"></div><p class="sr-only">${t.loading}</p>`;
    switch (loaded.kind) {
      case 'no-org':
        return html`<div class="notice" role="status">${t.noOrgId}</div>`;
      case 'state':
        return this.#renderState(loaded.state);
      case 'locked':
        return this.#renderLocked(loaded.detail);
      case 'failed':
        return this.#renderFailure(loaded.failure);
    }
  }

  override render() {
    const loading = this.#load.status === TaskStatus.PENDING;
    const loaded = this.#load.value ?? this.#last;
    return html`<section class="zone" aria-labelledby="zone-title" aria-busy=${loading ? 'true' : 'false'}>
      <h2 id="zone-title">${this.#t.title}</h2>
      ${this.#renderBody(loading && !loaded ? undefined : loaded)}
      <div class="sr-only" role="status" aria-live="polite">${this._announcement}</div>
    </section>`;
  }
}
