/**
 * Everything that happens after a click: which dialog is open (and the button to give focus back
 * to), the request in flight and the server's refusal, leaving, handing off, deleting, cancelling
 * a pending deletion and downloading an export with a bearer token. It lives in the chunk that
 * loads on idle or when the pointer or focus reaches an action, so the first render does not wait
 * for it; the element renders `render()` where the dialog goes.
 *
 * Where focus goes, and what is said: after an action that changes the zone, focus moves to what
 * says what happened (the pending banner, the notice of a cancellation or of leaving), which a
 * screen reader reads once; the live region says only what has nowhere to put focus (the cooldown
 * starting and ending, what is still missing when Delete is pressed too early). An error is said
 * once: under its field (where focus goes) or in the dialog's alert, never also in the live region.
 */
import { html, nothing, render, type ReactiveController, type TemplateResult } from 'lit';
import { OdzDeletionCancelledEvent } from '../events/odz-deletion-cancelled.js';
import { OdzDeletionScheduledEvent } from '../events/odz-deletion-scheduled.js';
import { OdzLeftEvent } from '../events/odz-left.js';
import { failureText, formatDate, named } from '../localization/formatting.js';
import type { LocalizationController } from '../localization/localization-controller.js';
import { ApiFailure, type DangerZoneApi } from '../org-danger-zone/api.js';
import type { OrgDangerZone } from '../org-danger-zone/org-danger-zone.js';
import { heading, type DialogKind } from '../org-danger-zone/zone-view.js';
import type { DangerZoneState } from '../state.js';
import type { Catalogue } from '../translations/catalogue.js';
import { deleteDialog } from './delete-dialog.js';
import { DeletionFlow, type Missing } from './deletion-flow.js';
import { handOffDialog, leaveDialog, offerDialog } from './leave-dialogs.js';
import { RetryKey, send } from './send.js';

/** What the element lends its flows besides itself. */
export interface FlowsContext {
  i18n: LocalizationController;
  api: DangerZoneApi;
  /** The viewer is no longer a member: the zone says so (this) instead of showing its actions. */
  left(done: TemplateResult): void;
  /** The export links, as the zone renders them (the delete dialog shows them too). */
  exports(): TemplateResult;
}

/** The field each part of the delete dialog's form is, for focus. */
const inputs: Record<string, string> = { password: '#password', code: '#code', name: '#confirm-name', acknowledgements: '[part~="acknowledgement"] input' };

export class Flows implements ReactiveController {
  kind: DialogKind | null = null;
  busy = false;
  error = '';
  /** A refusal of an answer to an ownership offer, shown in the offer's banner. */
  offerError = '';
  successor = '';
  successorQuery = '';
  /** An ownership offer's choice: the offering owner leaves once it is accepted. */
  leaveAfter = false;
  /** Said above the zone after a cancellation; an error of the banner's actions. */
  notice = '';
  bannerError = '';
  /** For the live region: the cooldown's start and end, what is still missing (never every second, never an error). */
  announcement = '';
  readonly deletion: DeletionFlow;
  #host: OrgDangerZone;
  #context: FlowsContext;
  #opener: HTMLElement | null = null;
  readonly #retry = new RetryKey();
  /** The strings the open dialog was rendered with, kept while a language switch loads. */
  #catalogue: Catalogue;

  constructor(host: OrgDangerZone, context: FlowsContext, catalogue: Catalogue) {
    this.#host = host;
    this.#context = context;
    this.#catalogue = catalogue;
    this.deletion = new DeletionFlow(host, {
      api: context.api,
      strings: () => this.#strings.dialogs.delete,
      announce: (text) => this.#announce(text),
    });
    host.addController(this);
  }

  /** An allowed action of the zone was activated: its button's `id` says which. */
  act(button: HTMLElement): void {
    if (button.id === 'cancel') this.cancelDeletion();
    else if (button.id === 'accept-offer' || button.id === 'decline-offer') this.answerOffer(button.id === 'accept-offer');
    else this.open(button.id as DialogKind, button);
  }

  open(kind: DialogKind, opener: HTMLElement): void {
    this.#opener = opener;
    this.#retry.reset();
    this.error = '';
    this.notice = '';
    this.successor = '';
    this.successorQuery = '';
    this.leaveAfter = false;
    this.kind = kind;
    this.#host.requestUpdate();
    if (kind === 'delete' || kind === 'delete-now') {
      this.#startIntent(() => this.deletion.start(this.#host.state?.settings.cooldownSeconds ?? 0, kind === 'delete' ? 'schedule' : 'now'));
    }
  }

  /** Opens the modal once its element is rendered: focus moves into it (to its heading, or Cancel) and the page behind goes inert. */
  hostUpdated(): void {
    const dialog = this.#dialog;
    if (this.kind && dialog && !dialog.open) {
      dialog.showModal();
      // A zoomed page shows the dialog from its top, where focus is.
      dialog.scrollTop = 0;
    }
  }

  /**
   * Renders the dialog the zone offers first (delete, else leave) once, off the page, in the task
   * after this chunk arrives: Lit prepares each template once per page, so the first click only
   * clones what is ready, as every later click does. Nothing of it is kept or shown.
   */
  prepare(): void {
    const state = this.#host.state;
    if (this.kind || !state) return;
    this.kind = state.actions.delete.allowed ? 'delete' : 'leave';
    try {
      render(this.render(state), document.createDocumentFragment());
    } finally {
      this.kind = null;
    }
  }

  render(state: DangerZoneState): TemplateResult | typeof nothing {
    if (!this.kind) return nothing;
    const c = this.#strings;
    const common = {
      error: this.error,
      busy: this.busy,
      onCancel: (event: Event) => {
        // Escape must not abandon a request in flight: its answer decides what the user sees next.
        if (this.busy) event.preventDefault();
      },
      onClose: () => this.#closed(),
      close: () => this.#dialog?.close(),
    };
    switch (this.kind) {
      case 'leave':
        return leaveDialog(c, state, { ...common, onSubmit: (e) => this.#leave(e, state) });
      case 'hand-off':
        return handOffDialog(c, state, { ...common, onSubmit: (e) => this.#leave(e, state) }, this.#picker());
      case 'offer-ownership':
        return offerDialog(
          c,
          state,
          { ...common, onSubmit: (e) => this.#offer(e, state) },
          {
            ...this.#picker(),
            leaveAfter: this.leaveAfter,
            toggleLeave: (on) => {
              this.leaveAfter = on;
              this.#host.requestUpdate();
            },
          },
        );
      case 'delete':
      case 'delete-now':
        return deleteDialog(
          c,
          state,
          {
            i18n: this.#context.i18n,
            flow: this.deletion,
            exports: this.#context.exports(),
            // An attribute only (no property): the first chunk need not carry it.
            billingUrl: this.#host.getAttribute('billing-url') ?? '',
            retry: () => this.#startIntent(() => this.deletion.renew(state.settings.cooldownSeconds)),
            sendCode: () =>
              this.#run(async () => {
                await this.deletion.sendCode();
                // Nowhere to put focus for this: the live region says it, once (it is shown too).
                this.#announce(c.dialogs.delete.codeSent(this.deletion.codeSentTo));
              }),
            busy: this.busy,
          },
          { ...common, onSubmit: (e) => this.#delete(e, state) },
        );
    }
  }

  /**
   * An owner offered the viewer ownership (issue 21): who, until when, and the answer. Only the
   * offered member sees it, once this chunk has loaded (it is rarely shown, so it stays out of the
   * first load); the server decides again when they answer.
   */
  offerBanner(level: number, state: DangerZoneState): TemplateResult | typeof nothing {
    const offer = state.ownershipOffers.incoming;
    if (!offer) return nothing;
    const t = this.#strings.dialogs.offer;
    return html`<div part="offer" class="banner" role="region" aria-labelledby="offer-heading" tabindex="-1">
      ${heading(level, t.heading, 'offer-heading')}
      <p>${named((name) => t.body(name, formatDate(this.#context.i18n, offer.expiresAt)), offer.from.name)}</p>
      ${offer.leaveAfter ? html`<p class="muted">${t.leaveAfter}</p>` : nothing}
      <div class="actions">
        <button type="button" id="accept-offer" part="offer-accept-button">${t.accept}</button>
        <button type="button" id="decline-offer" part="offer-decline-button">${t.decline}</button>
      </div>
      <p part="error" class="error" role="alert">${this.offerError}</p>
    </div>`;
  }

  /** The member picker's state (the hand-off's successor, an offer's member). */
  #picker() {
    return {
      value: this.successor,
      query: this.successorQuery,
      choose: (userId: string) => {
        this.successor = userId;
        this.#host.requestUpdate();
      },
      search: (query: string) => {
        this.successorQuery = query;
        this.#host.requestUpdate();
      },
    };
  }

  /**
   * Offering ownership (issue 21), for an owner who may: a row at the end of the zone (it arrives
   * with this chunk, so nothing above it moves), with the offers that wait for an answer.
   */
  ownershipRow(level: number, state: DangerZoneState): TemplateResult | typeof nothing {
    const { outgoing } = state.ownershipOffers;
    const offer = state.actions.offerOwnership;
    if (!offer.allowed && outgoing.length === 0) return nothing;
    const t = this.#strings.dialogs.ownership;
    return html`<div class="row" part="row ownership" tabindex="-1">
      <div>
        ${heading(level, t.title)}
        <p class="muted">${t.description}</p>
        ${outgoing.map((o) => html`<p part="outgoing-offer">${named((name) => t.waiting(name, formatDate(this.#context.i18n, o.expiresAt)), o.to.name)}</p>`)}
      </div>
      ${
        offer.allowed && state.successors.some((s) => s.role !== 'owner')
          ? html`<div class="actions"><button type="button" id="offer-ownership" part="offer-ownership-button">${t.button}</button></div>`
          : nothing
      }
    </div>`;
  }

  /** The offered member answers an ownership offer (issue 21); focus then goes to what says what happened. */
  answerOffer(accept: boolean): void {
    const offer = this.#host.state?.ownershipOffers.incoming;
    if (this.busy || !offer) return;
    this.offerError = '';
    this.#run(
      async () => {
        await send(
          this.#context.api,
          'POST',
          `/ownership-offers/${encodeURIComponent(offer.offerId)}/${accept ? 'accept' : 'decline'}`,
          undefined,
          this.#retry,
        );
        this.#retry.reset();
        this.notice = accept ? this.#strings.dialogs.offerAccepted : this.#strings.dialogs.offerDeclined;
        await this.#host.reload();
        this.#focus('.notice');
      },
      (message) => (this.offerError = message),
    );
  }

  cancelDeletion(): void {
    if (this.busy) return;
    this.bannerError = '';
    this.#run(
      async () => {
        await send(this.#context.api, 'DELETE', '/deletion', undefined, this.#retry);
        this.notice = this.#strings.dialogs.cancelled;
        this.#host.dispatchEvent(new OdzDeletionCancelledEvent({ orgId: this.#host.orgId }));
        // The banner, and the button that had focus, are gone: focus goes to what says what happened.
        await this.#host.reload();
        this.#focus('.notice');
      },
      (message) => (this.bannerError = message),
    );
  }

  /** With bearer auth a link cannot carry the token: fetch the CSV and hand it over as a file. */
  download(path: string): void {
    const state = this.#host.state;
    const name = `${state?.org.slug ?? 'organization'}-${path.split('/').pop() ?? 'export.csv'}`;
    this.#run(
      async () => {
        const blob = await (await this.#context.api.fetch(path)).blob();
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = name;
        link.click();
        // The browser has started the download by the next task; the object URL can go then.
        setTimeout(() => URL.revokeObjectURL(link.href));
      },
      (message) => (this.bannerError = message),
      false,
    );
  }

  get #strings(): Catalogue {
    this.#catalogue = this.#context.i18n.catalogue ?? this.#catalogue;
    return this.#catalogue;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector('dialog');
  }

  #announce(text: string): void {
    this.announcement = text;
    this.#host.requestUpdate();
  }

  /** Focus to an element of the zone once it is rendered (a notice, the banner, a field). */
  #focus(selector: string): void {
    // After the render that shows it (and what describes it): asked for here, in case nothing else did.
    this.#host.requestUpdate();
    void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  #offer(event: Event, state: DangerZoneState): void {
    event.preventDefault();
    const to = state.successors.find((s) => s.userId === this.successor);
    if (this.busy || !to) return;
    this.#run(async () => {
      await send(this.#context.api, 'POST', '/ownership-offers', { userId: to.userId, leaveAfter: this.leaveAfter }, this.#retry);
      this.notice = this.#strings.dialogs.ownership.sent(to.name);
      await this.#host.reload();
      this.#finish();
      this.#focus('.notice');
    });
  }

  #leave(event: Event, state: DangerZoneState): void {
    event.preventDefault();
    const handOff = this.kind === 'hand-off';
    if (this.busy || (handOff && !this.successor)) return;
    this.#run(async () => {
      await send(this.#context.api, 'POST', '/leave', handOff ? { successorUserId: this.successor } : {}, this.#retry);
      // The zone has nothing left to show: focus goes to the notice that says so, not back to Leave.
      this.#finish();
      this.#context.left(named(this.#strings.dialogs.leave.done, state.org.name));
      this.#focus('.notice');
      this.#host.dispatchEvent(new OdzLeftEvent({ orgId: this.#host.orgId }));
    });
  }

  /** What is missing, said once, politely, in the words of the form. */
  #sayMissing(missing: Missing[]): void {
    const t = this.#strings.dialogs.delete;
    const locale = this.#context.i18n.locale;
    const time = (at: number) => new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(at);
    const items = missing.map((m) => {
      switch (m.field) {
        case 'acknowledgements':
          return t.needAcknowledgements(m.count);
        case 'password':
          return t.needPassword;
        case 'code':
          return t.needCode;
        case 'name':
          return t.needName;
        case 'cooldown':
          return t.needCooldown(m.seconds);
        case 'intent':
          return t.needIntent;
        case 'locked':
          return t.needUnlock(time(m.until));
      }
    });
    // The same words twice in a row are not read again: clear the region first.
    this.#announce('');
    void this.#host.updateComplete.then(() => this.#announce(t.stillNeeded(new Intl.ListFormat(locale, { type: 'conjunction' }).format(items))));
  }

  #delete(event: Event, state: DangerZoneState): void {
    event.preventDefault();
    if (this.busy) return;
    const missing = this.deletion.missing(state);
    if (missing.length > 0) {
      this.deletion.attempted = true;
      this.#sayMissing(missing);
      return;
    }
    this.#run(async () => {
      try {
        const path = this.deletion.mode === 'now' ? '/deletion/now' : '/deletion';
        const { purgeAt } = await send<{ purgeAt: string }>(this.#context.api, 'POST', path, this.deletion.request(state), this.#retry);
        this.#host.dispatchEvent(new OdzDeletionScheduledEvent({ orgId: this.#host.orgId, purgeAt }));
        // The dialog stays (busy) until the zone shows the banner, then focus goes to it: it says what happened.
        await this.#host.reload();
        this.#finish();
        this.#focus('[part~="banner"]');
      } catch (error) {
        if (error instanceof ApiFailure) this.#refused(error, state);
        else throw error;
      }
    });
  }

  /** What a refusal changes in the dialog: its message under its field (and focus there), or in the dialog's alert. */
  #refused(failure: ApiFailure, state: DangerZoneState): void {
    const t = this.#strings.dialogs.delete;
    const message = failureText(this.#context.i18n, failure);
    const field = this.deletion.refused(failure, message);
    if (field) {
      this.#focus(inputs[field]!);
      return;
    }
    if (failure.code === 'rate_limited' && this.deletion.locked) {
      this.error = t.locked(new Intl.DateTimeFormat(this.#context.i18n.locale, { timeStyle: 'short' }).format(this.deletion.lockedUntil));
    } else if (failure.code === 'intent_expired') {
      // A new confirmation starts at once, keeping what was typed; the message says so.
      this.error = t.renewed;
      this.#startIntent(() => this.deletion.renew(state.settings.cooldownSeconds), false);
    } else {
      this.#show(failure, (text) => (this.error = text));
    }
  }

  /** Starts (or restarts) the confirmation in the background; a refusal shows in the dialog with "Try again". */
  #startIntent(work: () => Promise<void>, clear = true): void {
    if (clear) this.error = '';
    work().catch((error: unknown) => this.#show(error, (message) => (this.error = message)));
  }

  /**
   * Runs a request of the open dialog (or of the banner): busy meanwhile, and a refusal shown
   * where it happened; a session that ended also asks the host to sign the user in.
   */
  #run(work: () => Promise<void>, onError = (message: string) => (this.error = message), busy = true): void {
    if (busy) this.busy = true;
    this.error = '';
    this.#host.requestUpdate();
    work()
      .catch((error: unknown) => this.#show(error, onError))
      .finally(() => {
        if (busy) this.busy = false;
        this.#host.requestUpdate();
      });
  }

  #show(error: unknown, where: (message: string) => void): void {
    if (!(error instanceof ApiFailure)) throw error;
    where(failureText(this.#context.i18n, error));
    // Only a session that is gone is the host's business; the dialog explains every other refusal.
    if (error.signedOut) this.#host.dispatchEvent(error.event());
    this.#host.requestUpdate();
  }

  /** The dialog's work is done and the zone has changed: it closes without sending focus back to its opener (the caller says where). */
  #finish(): void {
    this.#opener = null;
    this.#dialog?.close();
    // At once, not on the close event (a task later): a render before it would open the dialog again.
    this.#closed();
  }

  #closed(): void {
    if (!this.kind) return;
    this.kind = null;
    this.#retry.reset();
    this.deletion.stop();
    this.deletion.type({ password: '', code: '' });
    const opener = this.#opener;
    this.#opener = null;
    // After the dialog is gone, focus goes back to the button that opened it (if it still exists).
    void this.#host.updateComplete.then(() => {
      if (opener?.isConnected) opener.focus();
    });
  }
}
