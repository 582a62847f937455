/**
 * The delete dialog: the impact (what is removed, what is kept), the exports, one checkbox per
 * warning, the step-up (a choice among the viewer's methods; the password, a code from an
 * authenticator app or an email, or until when the sign-in is recent enough), the exact name to
 * type, and the Delete button that counts the cooldown down.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { LocalizationController } from '../localization/localization-controller.js';
import type { DangerZoneState } from '../state.js';
import type { Catalogue } from '../translations/catalogue.js';
import type { DeletionFlow } from './deletion-flow.js';
import { dialogFrame, type Frame } from './dialog-frame.js';

type Common = Omit<Frame, 'title' | 'body' | 'confirm' | 'closeLabel' | 'focusCancel'>;

const value = (e: Event) => (e.target as HTMLInputElement).value;

export function deleteDialog(
  c: Catalogue,
  i18n: LocalizationController,
  state: DangerZoneState,
  flow: DeletionFlow,
  exports: TemplateResult,
  common: Common,
  sendCode: () => void,
): TemplateResult {
  const t = c.dialogs.delete;
  const { impact, org, settings } = state;
  const seconds = flow.remaining;
  const removed = [
    t.removedMembers(impact.members),
    impact.apiKeys > 0 ? t.removedApiKeys(impact.apiKeys) : null,
    impact.invitations > 0 ? t.removedInvitations(impact.invitations) : null,
    impact.creditsRemaining > 0 ? t.removedCredits(impact.creditsRemaining) : null,
    impact.subscription?.status === 'active' ? t.removedSubscription : null,
    t.removedData,
  ];
  const label = !flow.intent ? t.preparing : common.busy ? c.dialogs.working : flow.cooling ? t.confirmWithCooldown(seconds) : t.confirm;
  const warnings = state.actions.delete.warnings;
  return dialogFrame({
    ...common,
    title: t.title(org.name),
    body: html`<p>${t.intro(settings.graceDays)}</p>
      <div>
        <h3>${t.removedHeading}</h3>
        <ul class="list">${removed.map((line) => (line === null ? nothing : html`<li>${line}</li>`))}</ul>
      </div>
      <div>
        <h3>${t.keptHeading}</h3>
        <p>${t.kept}</p>
      </div>
      <div>
        <h3>${t.exportHeading}</h3>
        ${exports}
      </div>
      ${
        warnings.length > 0
          ? html`<fieldset>
            <legend>${t.acknowledgeHeading}</legend>
            ${warnings.map(
              (w) => html`<label class="check" part="acknowledgement">
                <input type="checkbox" name=${w.code} .checked=${flow.acknowledged.has(w.code)}
                  @change=${(e: Event) => flow.acknowledge(w.code, (e.target as HTMLInputElement).checked)} />
                <span>${i18n.notice(w)}</span>
              </label>`,
            )}
          </fieldset>`
          : nothing
      }
      ${stepUp(t, i18n, state, flow, sendCode, common.busy)}
      <div class="field">
        <label for="confirm-name">${t.confirmLabel}</label>
        <p><span class="exact-name" id="exact-name">${org.name}</span></p>
        <input id="confirm-name" type="text" part="confirm-input" autocomplete="off" autocapitalize="off" spellcheck="false"
          ?autofocus=${flow.chosen(state) === 'recent_sign_in'} aria-describedby="exact-name" .value=${flow.confirmName}
          @input=${(e: Event) => flow.type({ confirmName: value(e) })} />
      </div>
      <p part="cooldown" class="muted">${flow.intent && flow.cooling ? t.cooldownStarted(seconds) : nothing}</p>`,
    confirm: { label, enabled: flow.ready(state) && !common.busy },
    closeLabel: c.dialogs.close,
    focusCancel: false,
  });
}

/** The methods this dialog can ask for, in the viewer's order (a passkey is not asked for here yet). */
const asked = ['totp', 'email_otp', 'password', 'recent_sign_in'] as const;
type Asked = (typeof asked)[number];
const isAsked = (method: string): method is Asked => (asked as readonly string[]).includes(method);

/** How the owner confirms it is them: a choice when they have several ways, then that way's field. */
function stepUp(
  t: Catalogue['dialogs']['delete'],
  i18n: LocalizationController,
  state: DangerZoneState,
  flow: DeletionFlow,
  sendCode: () => void,
  busy: boolean,
): TemplateResult | typeof nothing {
  const method = flow.chosen(state);
  const offered = state.settings.stepUp.filter(isAsked);
  const choice =
    offered.length > 1
      ? html`<fieldset part="step-up-methods">
          <legend>${t.stepUpHeading}</legend>
          ${offered.map(
            (m) => html`<label class="check">
              <input type="radio" name="step-up" value=${m} ?autofocus=${m === method} .checked=${m === method} @change=${() => flow.choose(m)} />
              <span>${t.stepUpMethods[m]}</span>
            </label>`,
          )}
        </fieldset>`
      : nothing;
  // The dialog opens with focus on the choice, or else on the one way's first control.
  const first = offered.length <= 1;
  const code = (label: string, focus: boolean) =>
    html`<label class="field">${label}
      <input type="text" part="code-input" autocomplete="one-time-code" autocapitalize="off" spellcheck="false" ?autofocus=${focus} .value=${flow.code}
        @input=${(e: Event) => flow.type({ code: value(e) })} />
    </label>`;
  // The choice stays one part of the template, so that choosing keeps focus on it (a11y).
  return html`${choice}${field()}`;

  function field(): TemplateResult | typeof nothing {
    switch (method) {
      case 'password':
        return html`<label class="field">${t.password}
          <input type="password" part="password-input" autocomplete="current-password" ?autofocus=${first} .value=${flow.password}
            @input=${(e: Event) => flow.type({ password: value(e) })} />
        </label>`;
      case 'totp':
        return code(t.totpCode, first);
      case 'email_otp':
        return html`<p>
          <button type="button" part="send-code-button" ?autofocus=${first} ?disabled=${busy} @click=${sendCode}>${flow.codeSentTo ? t.resendCode : t.sendCode}</button>
        </p>
        ${flow.codeSentTo ? html`<p class="muted">${t.codeSent(flow.codeSentTo)}</p>` : nothing} ${code(t.emailCode, false)}`;
      default:
        return state.settings.reauthBy
          ? html`<p class="muted">${t.reauthBy(new Intl.DateTimeFormat(i18n.locale, { timeStyle: 'short' }).format(new Date(state.settings.reauthBy)))}</p>`
          : nothing;
    }
  }
}
