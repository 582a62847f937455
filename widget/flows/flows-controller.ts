/**
 * Everything that happens after a click: which dialog is open (and the button to give focus back
 * to), the request in flight and the server's refusal, leaving, handing off, deleting, cancelling
 * a pending deletion and downloading an export with a bearer token. It lives in the chunk that
 * loads on idle or when the pointer or focus reaches an action, so the first render does not wait
 * for it; the element renders `render()` where the dialog goes.
 */
import { nothing, type ReactiveController, type TemplateResult } from 'lit';
import { OdzDeletionCancelledEvent } from '../events/odz-deletion-cancelled.js';
import { OdzDeletionScheduledEvent } from '../events/odz-deletion-scheduled.js';
import { OdzLeftEvent } from '../events/odz-left.js';
import type { LocalizationController } from '../localization/localization-controller.js';
import { ApiFailure, type DangerZoneApi } from '../org-danger-zone/api.js';
import type { OrgDangerZone } from '../org-danger-zone/org-danger-zone.js';
import type { DialogKind } from '../org-danger-zone/zone-view.js';
import type { DangerZoneState } from '../state.js';
import type { Catalogue } from '../translations/catalogue.js';
import { deleteDialog } from './delete-dialog.js';
import { DeletionFlow } from './deletion-flow.js';
import { handOffDialog, leaveDialog } from './leave-dialogs.js';
import { RetryKey, send } from './send.js';

/** What the element lends its flows besides itself. */
export interface FlowsContext {
  i18n: LocalizationController;
  api: DangerZoneApi;
  /** The viewer is no longer a member: the zone says so (this) instead of showing its actions. */
  left(done: string): void;
  /** The export links, as the zone renders them (the delete dialog shows them too). */
  exports(): TemplateResult;
}

export class Flows implements ReactiveController {
  kind: DialogKind | null = null;
  busy = false;
  error = '';
  successor = '';
  /** Said above the zone after a cancellation; an error of the banner's actions. */
  notice = '';
  bannerError = '';
  /** For the live region: the cooldown's start and end, results and refusals (never every second). */
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
    else this.open(button.id as DialogKind, button);
  }

  open(kind: DialogKind, opener: HTMLElement): void {
    this.#opener = opener;
    this.#retry.reset();
    this.error = '';
    this.notice = '';
    this.successor = '';
    this.kind = kind;
    this.#host.requestUpdate();
    if (kind === 'delete') {
      const state = this.#host.state;
      this.#attempt(() => this.deletion.start(state?.settings.cooldownSeconds ?? 0));
    }
  }

  /** Opens the modal once its element is rendered: focus moves into it and the page behind goes inert. */
  hostUpdated(): void {
    const dialog = this.#dialog;
    if (this.kind && dialog && !dialog.open) dialog.showModal();
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
        return handOffDialog(
          c,
          state,
          { ...common, onSubmit: (e) => this.#leave(e, state) },
          {
            value: this.successor,
            choose: (userId) => {
              this.successor = userId;
              this.#host.requestUpdate();
            },
          },
        );
      case 'delete':
        return deleteDialog(c, this.#context.i18n, state, this.deletion, this.#context.exports(), { ...common, onSubmit: (e) => this.#delete(e, state) }, () =>
          this.#run(async () => {
            await this.deletion.sendCode();
            this.#announce(c.dialogs.delete.codeSent(this.deletion.codeSentTo));
          }),
        );
    }
  }

  cancelDeletion(): void {
    if (this.busy) return;
    this.bannerError = '';
    this.#run(
      async () => {
        await send(this.#context.api, 'DELETE', '/deletion', undefined, this.#retry);
        this.notice = this.#strings.dialogs.cancelled;
        this.#announce(this.notice);
        this.#host.dispatchEvent(new OdzDeletionCancelledEvent({ orgId: this.#host.orgId }));
        this.#host.reload();
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

  #leave(event: Event, state: DangerZoneState): void {
    event.preventDefault();
    const handOff = this.kind === 'hand-off';
    if (this.busy || (handOff && !this.successor)) return;
    this.#run(async () => {
      await send(this.#context.api, 'POST', '/leave', handOff ? { successorUserId: this.successor } : {}, this.#retry);
      this.#dialog?.close();
      const done = this.#strings.dialogs.leave.done(state.org.name);
      this.#context.left(done);
      this.#announce(done);
      this.#host.dispatchEvent(new OdzLeftEvent({ orgId: this.#host.orgId }));
    });
  }

  #delete(event: Event, state: DangerZoneState): void {
    event.preventDefault();
    if (this.busy || !this.deletion.ready(state)) return;
    this.#run(async () => {
      try {
        const { purgeAt } = await send<{ purgeAt: string }>(this.#context.api, 'POST', '/deletion', this.deletion.request(state), this.#retry);
        this.#dialog?.close();
        this.#announce(this.#strings.dialogs.delete.scheduled(this.#context.i18n.date(purgeAt)));
        this.#host.dispatchEvent(new OdzDeletionScheduledEvent({ orgId: this.#host.orgId, purgeAt }));
        this.#host.reload();
      } catch (error) {
        if (error instanceof ApiFailure) this.#refused(error, state);
        throw error;
      }
    });
  }

  /** What a refusal changes in the dialog, and where focus goes so the person can fix it. */
  #refused(failure: ApiFailure, state: DangerZoneState): void {
    const part = this.deletion.refused(failure);
    if (part) void this.#host.updateComplete.then(() => this.#host.shadowRoot?.querySelector<HTMLElement>(`[part~="${part}"]`)?.focus());
    if (failure.code === 'intent_expired') {
      // The message stays while a new intent (and its cooldown) starts; a refusal of that replaces it.
      this.#attempt(() => this.deletion.renew(state.settings.cooldownSeconds), false);
    }
  }

  /** Starts the intent in the background; a refusal shows in the dialog. */
  #attempt(work: () => Promise<void>, clear = true): void {
    if (clear) this.error = '';
    work().catch((error: unknown) => this.#show(error, (message) => (this.error = message)));
  }

  /**
   * Runs a request of the open dialog (or of the banner): busy meanwhile, and a refusal shown
   * where it happened and announced; a session that ended also asks the host to sign the user in.
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
    const message = this.#context.i18n.failure(error);
    where(message);
    this.#announce(message);
    // Only a session that is gone is the host's business; the dialog explains every other refusal.
    if (error.signedOut) this.#host.dispatchEvent(error.event());
    this.#host.requestUpdate();
  }

  #closed(): void {
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
