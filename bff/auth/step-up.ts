/**
 * Step-up for every owner (D4, issue 21): the proofs beyond the password, verified by the host's own
 * better-auth, never by a copy of its logic:
 * - a TOTP code through the two-factor plugin's `verify-totp`, and a backup code through its
 *   `verify-backup-code` (which uses it up), both called as the signed-in user (their request's
 *   cookie or bearer token), so better-auth reads that user's own secret;
 * - an emailed one-time code through the email-OTP plugin: it is sent as a `sign-in` code (what
 *   proves control of the address), checked with `check-verification-otp`, then consumed with
 *   better-auth's own verification store, so a code confirms one deletion at most, even when two
 *   requests carry it at once.
 * Which of these a host has is read from its plugins (`hostStepUp`). Every check is counted by the
 * failed-confirmation limit before it runs (orgs/deletion.ts), like a password.
 *
 * Passkeys are not offered yet: verifying an assertion for a session that already exists (rather
 * than signing in again) needs the passkey plugin's verification without its new session.
 */
import { isAPIError } from 'better-auth/api';
import type { HostStepUp } from '../../shared/policy.js';

/** What the danger zone calls on a better-auth instance: its endpoints (`auth.api`) and its context. */
export interface StepUpAuth {
  api?: object;
  $context: Promise<object>;
  options: { plugins?: readonly { id: string }[] | undefined };
}

type Endpoint = (input: { body: Record<string, unknown>; headers?: Headers }) => Promise<unknown>;
interface VerificationStore {
  internalAdapter?: { consumeVerificationValue?: (identifier: string) => Promise<unknown> };
}

/** The step-up methods the host's better-auth has, by its plugins' ids. */
export function hostStepUp(auth: Pick<StepUpAuth, 'options'>): HostStepUp {
  const ids = new Set((auth.options.plugins ?? []).map((p) => p.id));
  return { passkey: false, twoFactor: ids.has('two-factor'), emailOtp: ids.has('email-otp') };
}

export interface StepUpVerifier {
  /** A TOTP code (digits only) or a backup code of the user the headers authenticate. */
  secondFactor(headers: Headers, code: string): Promise<boolean>;
  /** An emailed one-time code sent to `email`, used up when it matches. */
  emailCode(email: string, code: string): Promise<boolean>;
  /** Sends a one-time code to `email` through the host's email-OTP plugin. */
  sendEmailCode(email: string): Promise<void>;
}

/** better-auth's "that code is wrong" answers are a failed step-up; anything else is an error. */
async function accepted(call: Promise<unknown>): Promise<boolean> {
  try {
    await call;
    return true;
  } catch (error) {
    if (isAPIError(error) && error.statusCode >= 400 && error.statusCode < 500 && error.statusCode !== 429) return false;
    throw error;
  }
}

export function stepUpVerifier(auth: StepUpAuth): StepUpVerifier {
  const endpoint = (name: string): Endpoint => {
    const found = (auth.api as Record<string, unknown> | undefined)?.[name];
    if (typeof found !== 'function') throw new Error(`better-auth has no ${name} endpoint: its plugin is not installed`);
    return found as Endpoint;
  };
  const otpEmail = (email: string) => email.toLowerCase();
  return {
    secondFactor(headers, code) {
      const trimmed = code.trim();
      return /^\d+$/.test(trimmed)
        ? accepted(endpoint('verifyTOTP')({ body: { code: trimmed }, headers }))
        : accepted(endpoint('verifyBackupCode')({ body: { code: trimmed, disableSession: true }, headers }));
    },
    async emailCode(email, code) {
      const body = { email: otpEmail(email), type: 'sign-in', otp: code.trim() };
      if (!(await accepted(endpoint('checkVerificationOTP')({ body })))) return false;
      const store = (await auth.$context) as VerificationStore;
      const consumed = await store.internalAdapter?.consumeVerificationValue?.(`sign-in-otp-${body.email}`);
      return Boolean(consumed);
    },
    async sendEmailCode(email) {
      await endpoint('sendVerificationOTP')({ body: { email: otpEmail(email), type: 'sign-in' } });
    },
  };
}
