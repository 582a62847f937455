import { Task, TaskStatus } from '@lit/task';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Interactions } from '../interactions.js';
import { LocalizationController } from '../localization/localization-controller.js';
import type { ReasonTriggers } from '../reason/soft-action.js';
import type { DangerZoneState, ErrorDetail } from '../state.js';
import type { Catalogue, CatalogueSource } from '../translations/catalogue.js';
import { ApiFailure, DangerZoneApi } from './api.js';
import { styles } from './org-danger-zone.styles.js';
import { exportLinks, failureView, lockedView, notice, stateView, type DialogKind, type ZoneView } from './zone-view.js';

/** What a load of the state produced; the task never throws for a refusal, so every outcome renders. */
type Loaded =
  { kind: 'no-org' } | { kind: 'state'; state: DangerZoneState } | { kind: 'locked'; detail: ErrorDetail } | { kind: 'failed'; failure: ApiFailure };

/** Work for when the browser is idle (Safari has no `requestIdleCallback`: the next task, then). */
const whenIdle = (work: () => void) => (globalThis.requestIdleCallback ?? setTimeout)(work);

/**
 * The danger zone of an organization's settings: leave it, delete it after a grace window, cancel
 * a pending deletion. It renders what the BFF's state endpoint says and asks the BFF for every
 * change; it never decides a rule itself.
 *
 * Languages: English, German, French, Spanish, Japanese and Arabic are built in, each loaded only
 * when shown. A host adds its own with `OrgDangerZone.registerLocale(tag, catalogue or loader)`,
 * e.g. `OrgDangerZone.registerLocale('pt-BR', () => import('./pt-br.js'))`, where the module's
 * default export is a complete `Catalogue`; `OrgDangerZone.loadLocale('en')` gives a built-in one
 * to start from (docs/widget.md, "Languages").
 *
 * @summary Leave, delete, or cancel the deletion of an organization.
 *
 * @attr org-id - The organization's id (required).
 * @attr api-base - Where the BFF's API is mounted. Default `/api`.
 * @attr lang - The language of the strings (a BCP 47 tag); else `<html lang>`, followed when it changes.
 *
 * @fires odz-left - The viewer left the organization. `detail: {orgId}`
 * @fires odz-deletion-scheduled - The viewer scheduled the deletion. `detail: {orgId, purgeAt}`
 * @fires odz-deletion-cancelled - The viewer cancelled the pending deletion. `detail: {orgId}`
 * @fires odz-error - The state could not be loaded, or the session ended (`signedOut`: sign the user in again). Refusals the element explains itself (a wrong password) fire nothing. `detail: {code, message, status, signedOut}`
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

  /**
   * Adds or replaces the catalogue for a language tag, for every element on the page: a complete
   * `Catalogue`, or a function that loads one (or a module whose default export is one).
   */
  static registerLocale(tag: string, source: CatalogueSource): void {
    LocalizationController.register(tag, source);
  }

  /** The catalogue that serves a tag (a built-in one, or a host's), e.g. to extend it. */
  static loadLocale(tag: string): Promise<Catalogue> {
    return LocalizationController.load(LocalizationController.resolve(tag));
  }

  #i18n = new LocalizationController(this);
  #api = new DangerZoneApi(this);
  /** What hovers, keys and clicks need, from the lazy chunk. */
  #loading: Promise<Interactions> | undefined;
  #interactions: Interactions | undefined;
  /**
   * Until the reasons' controller is in, a pointer or focus on a refused action only fetches it;
   * once started, it shows the reason of whatever is hovered or focused by then.
   */
  #fetchReasons: ReasonTriggers = { show: () => void this.#interact(), hide: () => {}, leave: () => {} };
  #load = new Task(this, {
    args: () => [this.orgId, this.apiBase, this.getToken] as const,
    task: ([orgId], { signal }) => this.#fetchState(orgId, signal),
  });

  /** Once the viewer has left the org, what the zone says instead of showing its actions. */
  @state() private _left: string | null = null;

  /** The organization's id. */
  @property({ attribute: 'org-id' }) orgId = '';
  /** Where the BFF's API is mounted. */
  @property({ attribute: 'api-base' }) apiBase = '/api';
  /** Returns a bearer token for hosts that do not share cookies with the BFF; unset means cookies. */
  @property({ attribute: false }) getToken: (() => Promise<string | null>) | undefined = undefined;

  /** The last danger-zone state the BFF sent, read-only (for hosts and QA tools). */
  get state(): DangerZoneState | null {
    const loaded = this.#load.value;
    return loaded?.kind === 'state' ? loaded.state : null;
  }

  /** Loads the state again (after a change made elsewhere, for example). */
  reload(): void {
    void this.#load.run();
  }

  protected override updated(): void {
    // Once the actions are on screen, what a click on them needs loads while nobody is waiting.
    if (this.state && !this.#loading) whenIdle(() => void this.#interact());
  }

  async #fetchState(orgId: string, signal: AbortSignal): Promise<Loaded> {
    if (!orgId) return { kind: 'no-org' };
    try {
      return { kind: 'state', state: await this.#api.state(signal) };
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      if (error.status === 423 && error.detail) return { kind: 'locked', detail: error.detail };
      this.dispatchEvent(error.event());
      return { kind: 'failed', failure: error };
    }
  }

  /** The lazy chunk and the whole catalogue, loaded once. */
  #interact(): Promise<Interactions> {
    this.#loading ??= Promise.all([import('../interactions.js'), this.#i18n.complete()]).then(([m, catalogue]) => {
      const context = { i18n: this.#i18n, api: this.#api, left: (done: string) => (this._left = done), exports: () => exportLinks(this.#view) };
      this.#interactions = m.interactions(this, context, catalogue);
      // The actions' handlers now reach the reasons' controller rather than this loader.
      this.requestUpdate();
      return this.#interactions;
    });
    // A chunk that failed to load (offline) may be fetched again on the next attempt.
    this.#loading.catch(() => (this.#loading = undefined));
    return this.#loading;
  }

  #open(kind: DialogKind, event: Event): void {
    const opener = event.currentTarget as HTMLElement;
    void this.#interact().then((i) => i.flows.open(kind, opener));
  }

  #onExport(event: Event, path: string): void {
    if (!this.getToken) return; // a plain link carries the cookie
    event.preventDefault();
    void this.#interact().then((i) => i.flows.download(path));
  }

  get #view(): ZoneView {
    return {
      i18n: this.#i18n,
      reasons: this.#interactions?.reasons ?? this.#fetchReasons,
      url: (path) => this.#api.url(path),
      flows: this.#interactions?.flows,
      open: (kind, event) => this.#open(kind, event),
      cancel: () => void this.#interact().then((i) => i.flows.cancelDeletion()),
      onExport: (event, path) => this.#onExport(event, path),
      prefetch: () => void this.#interact(),
    };
  }

  #body(view: ZoneView) {
    const t = this.#i18n.zone;
    const loaded = this.#load.value;
    if (this._left !== null) return notice(this._left);
    if (!loaded || !this.#i18n.ready) return html`<div class="skeleton"></div><p class="sr-only">${t.loading}</p>`;
    switch (loaded.kind) {
      case 'no-org':
        return notice(t.noOrgId);
      case 'state':
        return html`${stateView(view, loaded.state)}${this.#interactions?.flows.render(loaded.state) ?? nothing}`;
      case 'locked':
        return lockedView(view, loaded.detail);
      case 'failed':
        return failureView(view, loaded.failure, () => this.reload());
    }
  }

  override render(): TemplateResult {
    const busy = this.#load.status === TaskStatus.PENDING || !this.#i18n.ready;
    return html`<section class="zone" aria-labelledby="zone-title" aria-busy=${busy}
      lang=${this.#i18n.locale} dir=${this.#i18n.dir === 'rtl' ? 'rtl' : nothing}>
      <h2 id="zone-title">${this.#i18n.zone.title}</h2>
      ${this.#body(this.#view)}
      <div class="sr-only" role="status" aria-live="polite">${this.#interactions?.flows.announcement}</div>
    </section>`;
  }
}
