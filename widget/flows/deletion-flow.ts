/**
 * The delete dialog's state, from opening to the server's answer: the deletion intent (created
 * when the dialog opens, or its failure, which the dialog offers to try again), its cooldown
 * (counted down once a second for the button, announced only when it starts and ends), what was
 * typed and ticked, the step-up (the method chosen among the viewer's, its password or code, an
 * emailed code's address), what is still missing and when to say so, the server's refusals that
 * belong to one field, and the failed-attempt limit (one attempt left; locked until a time). Its
 * timer stops when the element leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { namesMatch, unacknowledged } from '../../shared/policy.js';
import type { ApiFailure, DangerZoneApi } from '../org-danger-zone/api.js';
import type { DangerZoneState, DeletionIntent, DeletionPreview, DeletionRequest, StepUpMethod, StepUpProof } from '../state.js';
import type { DialogStrings } from '../translations/catalogue.js';
import { send } from './send.js';

export interface DeletionContext {
  api: DangerZoneApi;
  strings(): DialogStrings['delete'];
  announce(text: string): void;
}

/** The fields of the dialog that can be wrong, each with its message under it. */
export type Field = 'acknowledgements' | 'password' | 'code' | 'name';

/** Why the name typed is not the name yet, from the most to the least helpful thing to say. */
export type NameProblem = 'empty' | 'case' | 'spaces' | 'differs';

/** What still stands between the person and the Delete button, in the order of the form. */
export type Missing =
  | { field: 'acknowledgements'; count: number }
  | { field: 'password' }
  | { field: 'code' }
  | { field: 'name'; problem: NameProblem }
  | { field: 'cooldown'; seconds: number }
  | { field: 'intent' }
  | { field: 'locked'; until: number };

/** How the name typed differs from the org's: the first thing a person would fix. */
export function nameProblem(typed: string, name: string): NameProblem | null {
  if (namesMatch(typed, name)) return null;
  if (typed === '') return 'empty';
  if (namesMatch(typed.toLocaleLowerCase(), name.toLocaleLowerCase())) return 'case';
  if (namesMatch(typed.replace(/\s+/g, ' ').trim(), name.replace(/\s+/g, ' ').trim())) return 'spaces';
  return 'differs';
}

/** Seconds from a header the BFF sends on every answer of the confirmation route (`RateLimit: …;t=<seconds>`). */
const resetIn = (failure: ApiFailure) => Number(/;t=(\d+)/.exec(failure.headers?.get('RateLimit') ?? '')?.[1] ?? NaN);

const DAY_MS = 86_400_000;

/** Which deletion the dialog confirms: scheduling one, or, while it is pending, "delete now" (issue 21). */
export type DeletionMode = 'schedule' | 'now';

export class DeletionFlow implements ReactiveController {
  mode: DeletionMode = 'schedule';
  intent: DeletionIntent | null = null;
  /** What the purge would remove (issue 21), once the BFF answered; the dialog does without it otherwise. */
  preview: DeletionPreview | null = null;
  /** The purge date chosen, in whole days from today; null: the earliest (`settings.graceDays`). */
  purgeDays: number | null = null;
  /** Why, if the owner says: a reason code and their own words. */
  reasonCode = '';
  reasonText = '';
  /** Creating the intent was refused or got no answer: the dialog offers to try again. */
  intentFailed = false;
  confirmName = '';
  password = '';
  /** A TOTP, backup or emailed code. */
  code = '';
  /** The step-up method chosen; null: the viewer's first (`chosen`). */
  method: StepUpMethod | null = null;
  /** Where the last emailed code went (masked by the server), once one was sent. */
  codeSentTo = '';
  acknowledged: ReadonlySet<string> = new Set();
  /** Delete was pressed at least once: from then on every field says what is wrong with it. */
  attempted = false;
  /** Fields left once (blur): each says what is wrong with it from then on. */
  touched: ReadonlySet<Field> = new Set();
  /** A refusal of the server that belongs to one field, until that field changes. */
  refusal: Partial<Record<Field, string>> = {};
  /** The failed-attempt limit: the browser's time until which Delete is refused, and whether one attempt is left (until when it resets). */
  lockedUntil = 0;
  lastAttemptUntil = 0;
  #host: ReactiveControllerHost;
  #context: DeletionContext;
  #endsAt = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #unlock: ReturnType<typeof setTimeout> | undefined;

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

  get locked(): boolean {
    return this.lockedUntil > Date.now();
  }

  /** A fresh dialog: nothing typed, a new intent and its cooldown. Throws the server's refusal. */
  async start(cooldownSeconds: number, mode: DeletionMode = 'schedule'): Promise<void> {
    this.mode = mode;
    this.preview = null;
    this.purgeDays = null;
    this.reasonCode = '';
    this.reasonText = '';
    this.confirmName = '';
    this.password = '';
    this.code = '';
    this.method = null;
    this.codeSentTo = '';
    this.acknowledged = new Set();
    this.attempted = false;
    this.touched = new Set();
    this.refusal = {};
    await this.renew(cooldownSeconds);
    // Once the intent is there (the cooldown runs meanwhile), so the dialog's first frames are not
    // redrawn for it; a preview that cannot load leaves the dialog as it was.
    send<DeletionPreview>(this.#context.api, 'GET', '/deletion-preview').then(
      (preview) => {
        this.preview = preview;
        this.#host.requestUpdate();
      },
      () => undefined,
    );
  }

  /** A new intent (the last one expired, or could not be made), keeping what was typed. */
  async renew(cooldownSeconds: number): Promise<void> {
    this.intent = null;
    this.intentFailed = false;
    this.stop();
    this.#host.requestUpdate();
    try {
      this.intent = await send<DeletionIntent>(this.#context.api, 'POST', '/deletion-intents');
    } catch (error) {
      this.intentFailed = true;
      this.#host.requestUpdate();
      throw error;
    }
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

  /** The purge date picked, as whole days from today within the bounds (the date field's own `min`/`max` say them too). */
  pickDays(days: number, state: DangerZoneState): void {
    const { graceDays, maxGraceDays } = state.settings;
    this.purgeDays = Number.isFinite(days) ? Math.min(maxGraceDays, Math.max(graceDays, Math.round(days))) : null;
    this.#host.requestUpdate();
  }

  /** Days until the purge if confirmed now. */
  days(state: DangerZoneState): number {
    return this.purgeDays ?? state.settings.graceDays;
  }

  reason(fields: { reasonCode?: string; reasonText?: string }): void {
    Object.assign(this, fields);
    this.#host.requestUpdate();
  }

  /** The warnings this step asks to acknowledge: scheduling's, or delete now's. */
  warnings(state: DangerZoneState) {
    return (this.mode === 'now' ? state.actions.deleteNow : state.actions.delete).warnings;
  }

  type(fields: { confirmName?: string; password?: string; code?: string }): void {
    Object.assign(this, fields);
    if ('confirmName' in fields) delete this.refusal.name;
    if ('password' in fields) delete this.refusal.password;
    if ('code' in fields) delete this.refusal.code;
    this.#host.requestUpdate();
  }

  acknowledge(code: string, checked: boolean): void {
    const next = new Set(this.acknowledged);
    if (checked) next.add(code);
    else next.delete(code);
    this.acknowledged = next;
    delete this.refusal.acknowledgements;
    this.#host.requestUpdate();
  }

  /** A field was left: from now on it says what is wrong with it (not on every key before that). */
  leave(field: Field): void {
    if (this.touched.has(field)) return;
    this.touched = new Set([...this.touched, field]);
    this.#host.requestUpdate();
  }

  /** Everything between the person and the Delete button, in the order of the form (empty: it may be pressed). */
  missing(state: DangerZoneState): Missing[] {
    const missing: Missing[] = [];
    const acknowledgements = unacknowledged(this.warnings(state), [...this.acknowledged]).length;
    if (acknowledgements > 0) missing.push({ field: 'acknowledgements', count: acknowledgements });
    const method = this.chosen(state);
    if (method === 'password' && this.password === '') missing.push({ field: 'password' });
    if ((method === 'totp' || method === 'email_otp') && this.code.trim() === '') missing.push({ field: 'code' });
    const problem = nameProblem(this.confirmName, state.org.name);
    if (problem) missing.push({ field: 'name', problem });
    if (!this.intent) missing.push({ field: 'intent' });
    else if (this.cooling) missing.push({ field: 'cooldown', seconds: this.remaining });
    if (this.locked) missing.push({ field: 'locked', until: this.lockedUntil });
    return missing;
  }

  /** Whether a field shows what is wrong with it: after the first attempt, or once it was left. */
  shows(field: Field): boolean {
    return this.attempted || this.touched.has(field);
  }

  request(state: DangerZoneState): DeletionRequest {
    const request: DeletionRequest = {
      intentId: this.intent?.intentId ?? '',
      confirmName: this.confirmName,
      stepUp: this.#proof(this.chosen(state)),
      acknowledgements: [...this.acknowledged],
    };
    if (this.mode === 'now') return request;
    const { graceDays, maxGraceDays } = state.settings;
    const days = this.days(state);
    // The earliest is the server's default. Counted from this browser's now, the latest is kept an
    // hour inside the bound, so a clock a little ahead of the server's is not refused.
    if (days > graceDays) request.purgeAt = new Date(Date.now() + days * DAY_MS - (days >= maxGraceDays ? 3_600_000 : 0)).toISOString();
    if (this.reasonCode) {
      const text = this.reasonText.trim();
      request.reason = { code: this.reasonCode as NonNullable<DeletionRequest['reason']>['code'], ...(text ? { text } : {}) };
    }
    return request;
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
   * What a refusal changes here; what was typed stays, except a wrong password. Answers the field
   * whose message it is (shown under it, and focus goes there), or null for a message of the whole
   * dialog. (An expired intent is renewed by the caller.)
   */
  refused(failure: ApiFailure, message: string): Field | null {
    this.#limit(failure);
    let field: Field | null = null;
    switch (failure.code) {
      case 'invalid_password':
        this.password = '';
        field = 'password';
        break;
      case 'invalid_code':
        this.code = '';
        field = 'code';
        break;
      case 'name_mismatch':
        field = 'name';
        break;
      case 'acknowledgement_required':
        field = 'acknowledgements';
        break;
      case 'cooldown_active':
        this.cooldown(failure.detail?.retryAfter ?? 1);
        break;
    }
    if (field) this.refusal = { ...this.refusal, [field]: message };
    return field;
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  hostDisconnected(): void {
    this.stop();
    clearTimeout(this.#unlock);
  }

  /** The failed-attempt limit as the answer states it: locked until a time, or one attempt left. */
  #limit(failure: ApiFailure): void {
    const seconds = failure.status === 429 ? (failure.detail?.retryAfter ?? resetIn(failure)) : resetIn(failure);
    if (!Number.isFinite(seconds)) return;
    const until = Date.now() + seconds * 1000;
    this.lastAttemptUntil = failure.headers?.get('X-RateLimit-Remaining') === '1' ? until : 0;
    if (failure.status !== 429) return;
    this.lockedUntil = until;
    // Delete looks refused until then, and comes back by itself.
    clearTimeout(this.#unlock);
    this.#unlock = setTimeout(() => this.#host.requestUpdate(), until - Date.now() + 50);
  }

  #over(): void {
    this.stop();
    this.#context.announce(this.#context.strings().cooldownOver);
  }
}
