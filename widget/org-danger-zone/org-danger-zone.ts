import { html, LitElement, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { Interactions } from '../interactions.js';
import { LocalizationController } from '../localization/localization-controller.js';
import type { DangerZoneState, ErrorDetail } from '../state.js';
import type { Catalogue, CatalogueSource } from '../translations/catalogue.js';
import { ApiFailure, DangerZoneApi } from './api.js';
import { Loader } from './loader.js';
import { styles } from './org-danger-zone.styles.js';
import { exportLinks, failureView, heading, notice, skeleton, stateView, type ZoneView } from './zone-view.js';

/** What a load of the state produced; the load never throws for a refusal, so every outcome renders. */
type Loaded =
  { kind: 'no-org' } | { kind: 'state'; state: DangerZoneState } | { kind: 'locked'; detail: ErrorDetail } | { kind: 'failed'; failure: ApiFailure };

/**
 * What the lazy chunks share (formatting, rules, English's rare-state strings) is one chunk of its
 * own (`lazy-common`, vite.config.ts) that each imports; asked for beside either, it arrives with it
 * rather than after it.
 */
const lazyCommon = () => import('../translations/en-rare.js');

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
 * @attr heading-level - The level of the zone's heading, 1 to 5 (its sections' are one below). Default 2.
 * @attr billing-url - The host's billing page, linked beside the delete dialog's subscription and credits warnings.
 * @attr lang - The language of the strings (a BCP 47 tag); else `<html lang>`, followed when it changes.
 *
 * @fires odz-left - The viewer left the organization. `detail: {orgId}`
 * @fires odz-deletion-scheduled - The viewer scheduled the deletion. `detail: {orgId, purgeAt}`
 * @fires odz-deletion-cancelled - The viewer cancelled the pending deletion. `detail: {orgId}`
 * @fires odz-error - The state could not be loaded, or the session ended (`signedOut`: sign the user in again). Refusals the element explains itself (a wrong password) fire nothing. `detail: {code, message, status, signedOut}`
 *
 * @csspart heading - Each heading: the zone's, its rows', the banner's.
 * @csspart row - Each row of the zone (an action with its title and description).
 * @csspart leave-button - The Leave button.
 * @csspart hand-off-button - The only owner's "Transfer ownership and leave" button.
 * @csspart delete-button - The Delete button that opens the delete dialog.
 * @csspart cancel-button - The Cancel deletion button in the pending banner.
 * @csspart retry-button - "Try again" after the state, or a dialog's confirmation, could not be loaded.
 * @csspart reason - The tooltip that explains why an action is not available.
 * @csspart banner - The pending-deletion banner.
 * @csspart offer - The banner of an ownership offer made to the viewer.
 * @csspart offer-accept-button - Accepts the ownership offer.
 * @csspart offer-decline-button - Declines the ownership offer.
 * @csspart ownership - The row where an owner offers ownership to a member, with the offers waiting.
 * @csspart offer-ownership-button - Opens the dialog to offer ownership.
 * @csspart outgoing-offer - An offer the viewer made, waiting for its answer.
 * @csspart leave-after - In the offer dialog: leave once the member accepts.
 * @csspart delete-now-button - In the pending banner: delete at the purge's next pass.
 * @csspart time-left - In the pending banner: the days and hours left.
 * @csspart deletion-preview - In the delete dialog: every record the purge removes, table by table.
 * @csspart deletion-preview-summary - The preview's summary line.
 * @csspart purge-date-input - In the delete dialog: the purge date.
 * @csspart reason-select - In the delete dialog: why (optional).
 * @csspart reason-text - In the delete dialog: the owner's own words on why.
 * @csspart dialog - Each dialog.
 * @csspart close-button - A dialog's Cancel, which changes nothing.
 * @csspart successor-select - The group of members to hand off to.
 * @csspart successor-search - The search field above them.
 * @csspart successor-list - The list of members (radio buttons).
 * @csspart password-input - The password field of the delete dialog.
 * @csspart step-up-methods - The choice of how to confirm it is you, when the viewer has several ways.
 * @csspart code-input - The field for a code from an authenticator app, a backup code or an emailed code.
 * @csspart send-code-button - The button that emails a one-time code.
 * @csspart exact-name - The organization's name to type, its spaces marked.
 * @csspart confirm-input - The field for typing the organization's name.
 * @csspart acknowledgement - Each warning's checkbox label.
 * @csspart billing-link - The link to the host's billing page beside a billing warning (`billing-url`).
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
 * @cssproperty --odz-font-family - Font family. Default: the host's (inherited).
 * @cssproperty --odz-font-size - Base font size; every size is in em of it. Default: the host's (inherited).
 */
export class OrgDangerZone extends LitElement {
  static override styles = styles;
  // Declared here rather than with decorators: the decorators' runtime is bytes in the first chunk.
  static override properties: PropertyDeclarations = {
    orgId: { attribute: 'org-id' },
    apiBase: { attribute: 'api-base' },
    headingLevel: { attribute: 'heading-level', type: Number },
    getToken: { attribute: false },
  };

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
  /** The view of a pending deletion and a legal hold, loaded before such a state is first rendered. */
  #rare: ZoneView['rare'];
  #interactions: Interactions | undefined;
  #load = new Loader<Loaded>(
    this,
    () => [this.orgId, this.apiBase, this.getToken],
    (signal) => this.#fetchState(this.orgId, signal),
  );

  /** Once the viewer has left the org, what the zone says instead of showing its actions. */
  #left: TemplateResult | null = null;

  /** The organization's id. */
  orgId = '';
  /** Where the BFF's API is mounted. */
  apiBase = '/api';
  /** The level of the zone's heading (its sections' headings are one below), to fit the host page's outline. */
  headingLevel = 2;
  /** Returns a bearer token for hosts that do not share cookies with the BFF; unset means cookies. */
  getToken: (() => Promise<string | null>) | undefined = undefined;

  /** The last danger-zone state the BFF sent, read-only (for hosts and QA tools). */
  get state(): DangerZoneState | null {
    const loaded = this.#load.value;
    return loaded?.kind === 'state' ? loaded.state : null;
  }

  /** Loads the state again (after a change made elsewhere, for example); resolves once it is rendered. */
  reload(): Promise<void> {
    return this.#load.run();
  }

  protected override updated(): void {
    // Once the actions are on screen, what a click on them needs loads in the next task (not on
    // idle: a busy host page may stay busy, and the first click should not wait for it).
    if (this.state && !this.#loading) setTimeout(() => void this.#interact());
  }

  async #fetchState(orgId: string, signal: AbortSignal): Promise<Loaded> {
    try {
      if (!orgId) {
        await this.#loadRare();
        return { kind: 'no-org' };
      }
      const state = await this.#api.state(signal);
      if (state.org.status === 'pending_deletion' || state.org.legalHold) await this.#loadRare();
      return { kind: 'state', state };
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      // Any answer is said by the rare states' view, loaded now; if it cannot load, no answer is what the zone shows.
      const shown = error.status
        ? await this.#loadRare().then(
            () => error,
            (failure: ApiFailure) => failure,
          )
        : error;
      if (shown.status === 423 && shown.detail) return { kind: 'locked', detail: shown.detail };
      if (orgId) this.dispatchEvent(error.event());
      return { kind: 'failed', failure: shown };
    }
  }

  /**
   * The rare states' view, and English's strings for it: two small files fetched side by side (the
   * full English catalogue has the strings too, but it is six times their size, and any other
   * language's catalogue is in by the time it renders). A file that cannot load is a failure like
   * the state's own.
   */
  async #loadRare(): Promise<void> {
    try {
      const [view, { enRare }] = await Promise.all([import('./rare-view.js'), lazyCommon()]);
      view.adopt(this);
      this.#rare = { ...view, en: enRare };
    } catch (error) {
      throw new ApiFailure(0, 'network_error', String(error));
    }
  }

  /** The lazy chunk and the whole catalogue, loaded once. */
  #interact(): Promise<Interactions> {
    this.#loading ??= Promise.all([import('../interactions.js'), this.#i18n.complete(), lazyCommon()]).then(([m, catalogue]) => {
      const context = {
        i18n: this.#i18n,
        api: this.#api,
        left: (done: TemplateResult) => {
          this.#left = done;
          this.requestUpdate();
        },
        exports: () => exportLinks(this.#view),
      };
      this.#interactions = m.interactions(this, context, catalogue);
      this.requestUpdate();
      return this.#interactions;
    });
    // A chunk that failed to load (offline) may be fetched again on the next attempt.
    this.#loading.catch(() => (this.#loading = undefined));
    return this.#loading;
  }

  /**
   * Every click in the zone, by delegation (`interactions.ts` says what each does). Only what must
   * be decided before the click goes on is decided here: a download with a token is the widget's,
   * a refused action's click stops here, and "Try again" works even when nothing else could load.
   */
  #onClick(event: Event): void {
    const target = event.target as Element;
    if (this.getToken && target.closest('a[download]')) event.preventDefault();
    if (target.closest('[aria-disabled="true"]')) event.stopImmediatePropagation();
    if (target.closest('#retry')) {
      // Focus goes to what the new attempt shows: the zone from its heading, or what follows the heading (the failure again).
      void this.reload().then(() => this.renderRoot.querySelector<HTMLElement>(this.state ? '.h' : '.h+[tabindex]')?.focus());
    } else void this.#interact().then((i) => i.click(target));
  }

  get #view(): ZoneView {
    return { i18n: this.#i18n, rare: this.#rare, url: (path) => this.#api.url(path), level: this.headingLevel, flows: this.#interactions?.flows };
  }

  #body(view: ZoneView) {
    const loaded = this.#load.value;
    if (this.#left) return notice(this.#left);
    if (!loaded || !this.#i18n.ready) return skeleton(this.#i18n.zone.loading);
    switch (loaded.kind) {
      case 'no-org':
        return view.rare!.noOrg(view);
      case 'state':
        return html`${stateView(view, loaded.state)}${this.#interactions?.flows.render(loaded.state) ?? nothing}`;
      case 'locked':
        return view.rare!.lockedView(view, loaded.detail);
      case 'failed':
        return failureView(view, loaded.failure);
    }
  }

  override render(): TemplateResult {
    const view = this.#view;
    // The click listener serves the buttons and links inside by delegation; their keys already click.
    // eslint-disable-next-line lit-a11y/click-events-have-key-events
    return html`<section class="zone" aria-labelledby="zone-title" aria-busy=${this.#load.pending || !this.#i18n.ready}
      lang=${this.#i18n.locale} dir=${this.#i18n.dir === 'rtl' ? 'rtl' : nothing}
      @click=${this.#onClick}>
      ${heading(view.level, this.#i18n.zone.title, 'zone-title')}
      ${this.#body(view)}
      <div class="sr-only" role="status" aria-live="polite">${this.#interactions?.flows.announcement}</div>
    </section>`;
  }
}
