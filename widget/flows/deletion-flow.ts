/**
 * The delete dialog's state, from opening to the server's answer: the deletion intent (created
 * when the dialog opens), its cooldown (counted down once a second for the button's label, and
 * announced only when it starts and ends), the typed name, the step-up (the method chosen among
 * the viewer's, its password or code, an emailed code's address) and the acknowledged warnings,
 * and what a refusal changes in them. The timer stops when the element leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { confirmationComplete } from '../../shared/policy.js';
import type { ApiFailure, DangerZoneApi } from '../org-danger-zone/api.js';
import { send } from './send.js';
import type { DangerZoneState, DeletionIntent, DeletionRequest, StepUpMethod, StepUpProof } from '../state.js';
import type { DialogStrings } from '../translations/catalogue.js';

export interface DeletionContext {
  api: DangerZoneApi;
  strings(): DialogStrings['delete'];
  announce(text: string): void;
}

export class DeletionFlow implements ReactiveController {
  intent: DeletionIntent | null = null;
  confirmName = '';
  password = '';
  /** A TOTP, backup or emailed code. */
  code = '';
  /** The step-up method chosen; null: the viewer's first (`chosen`). */
  method: StepUpMethod | null = null;
  /** Where the last emailed code went (masked by the server), once one was sent. */
  codeSentTo = '';
  acknowledged: ReadonlySet<string> = new Set();
  #host: ReactiveControllerHost;
  #context: DeletionContext;
  #endsAt = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(host: ReactiveControllerHost, context: DeletionContext) {
    this.#host = host;
    this.#context = context;
    host.addController(this);
  }

  /** Whole seconds of cooldown left, rounded up. */
  get remaining(): number {
    return Math.max(0, Math.ceil((this.#endsAt - Date.now()) / 1000));
  }

  get cooling(): boolean {
    return this.#timer !== undefined;
  }

  /** A fresh dialog: nothing typed, a new intent and its cooldown. Throws the server's refusal. */
  async start(cooldownSeconds: number): Promise<void> {
    this.confirmName = '';
    this.password = '';
    this.code = '';
    this.method = null;
    this.codeSentTo = '';
    this.acknowledged = new Set();
    await this.renew(cooldownSeconds);
  }

  /** A new intent (the last one expired), keeping what was typed. */
  async renew(cooldownSeconds: number): Promise<void> {
    this.intent = null;
    this.stop();
    this.#host.requestUpdate();
    this.intent = await send<DeletionIntent>(this.#context.api, 'POST', '/deletion-intents');
    this.cooldown(cooldownSeconds);
  }

  cooldown(seconds: number): void {
    this.stop();
    this.#endsAt = Date.now() + seconds * 1000;
    if (seconds > 0) {
      this.#context.announce(this.#context.strings().cooldownStarted(seconds));
      this.#timer = setInterval(() => {
        if (this.remaining === 0) this.#over();
        this.#host.requestUpdate();
      }, 250);
    }
    this.#host.requestUpdate();
  }

  /** The method the dialog asks for: the one chosen, else the viewer's first. */
  chosen(state: DangerZoneState): StepUpMethod {
    const offered = state.settings.stepUp;
    return this.method && offered.includes(this.method) ? this.method : (offered[0] ?? 'recent_sign_in');
  }

  choose(method: StepUpMethod): void {
    this.method = method;
    this.#host.requestUpdate();
  }

  /** Asks the BFF to email a one-time code (the host's better-auth sends it). Throws its refusal. */
  async sendCode(): Promise<void> {
    const { sentTo } = await send<{ sentTo: string }>(this.#context.api, 'POST', '/step-up/email-code');
    this.codeSentTo = sentTo;
    this.#host.requestUpdate();
  }

  type(fields: { confirmName?: string; password?: string; code?: string }): void {
    Object.assign(this, fields);
    this.#host.requestUpdate();
  }

  acknowledge(code: string, checked: boolean): void {
    const next = new Set(this.acknowledged);
    if (checked) next.add(code);
    else next.delete(code);
    this.acknowledged = next;
    this.#host.requestUpdate();
  }

  /** Everything the rules ask for is there (the server checks again): the button may enable. */
  ready(state: DangerZoneState): boolean {
    const method = this.chosen(state);
    return (
      this.intent !== null &&
      !this.cooling &&
      confirmationComplete({
        typedName: this.confirmName,
        orgName: state.org.name,
        warnings: state.actions.delete.warnings,
        acknowledged: [...this.acknowledged],
        stepUpRequired: method !== 'recent_sign_in',
        stepUpGiven: (method === 'password' ? this.password : this.code.trim()).length > 0,
      })
    );
  }

  request(state: DangerZoneState): DeletionRequest {
    return {
      intentId: this.intent?.intentId ?? '',
      confirmName: this.confirmName,
      stepUp: this.#proof(this.chosen(state)),
      acknowledgements: [...this.acknowledged],
    };
  }

  #proof(method: StepUpMethod): StepUpProof {
    switch (method) {
      case 'password':
        return { method, password: this.password };
      case 'totp':
      case 'email_otp':
        return { method, code: this.code.trim() };
      default:
        // A passkey is not asked for by this dialog yet; without another method, a recent sign-in.
        return { method: 'recent_sign_in' };
    }
  }

  /**
   * What a refusal changes here; what was typed stays, except a wrong password. Answers the part
   * that should get focus, if any. (An expired intent is renewed by the caller, which shows the
   * renewal's own refusal if there is one.)
   */
  refused(failure: ApiFailure): string | null {
    switch (failure.code) {
      case 'invalid_password':
        this.password = '';
        return 'password-input';
      case 'invalid_code':
        this.code = '';
        return 'code-input';
      case 'name_mismatch':
        return 'confirm-input';
      case 'cooldown_active':
        this.cooldown(failure.detail?.retryAfter ?? 1);
        return null;
      default:
        return null;
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  hostDisconnected(): void {
    this.stop();
  }

  #over(): void {
    this.stop();
    this.#context.announce(this.#context.strings().cooldownOver);
  }
}
