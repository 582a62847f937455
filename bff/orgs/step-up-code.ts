/**
 * `POST …/step-up/email-code`: an owner about to delete asks for a one-time code by email, sent by
 * the host's better-auth (its email-OTP plugin and its own mailer), for the confirmation's
 * `stepUp: {method: 'email_otp', code}`. Only to the viewer's own address, only when the policy
 * offers them that method, and at most a few a window (each send is taken before it goes), so the
 * endpoint cannot be used to flood a mailbox.
 */
import { decideDeletionStep } from '../../shared/policy.js';
import type { Database } from '../db/database.js';
import { refuse } from '../domain-error.js';
import { reserve, retryAfterSeconds } from '../rate-limit/rate-limit.js';
import type { StepUpVerifier } from '../auth/step-up.js';
import { sessionViewer } from './deletion.js';
import type { LoadedOrg, ViewerSession } from './load.js';
import type { OrgFacts } from '../../shared/policy.js';
import { assertAllowed } from './refuse.js';

export const EMAIL_CODE_POLICY = 'step-up-email-codes';
/** Codes a user may ask for per window: enough for a typo or a slow mailbox, not for a flood. */
export const EMAIL_CODE_LIMIT = { max: 5, windowSeconds: 15 * 60 };

/** `a…e@example.com`: enough for the owner to recognise the address, not a copy of it. */
export function maskedEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return email;
  const local = email.slice(0, at);
  return `${local[0]}…${local.length > 1 ? local[local.length - 1] : ''}${email.slice(at)}`;
}

export async function sendStepUpEmailCode(
  deps: { database: Database; stepUp: StepUpVerifier },
  input: { loaded: LoadedOrg; facts: OrgFacts; session: ViewerSession; now: Date },
): Promise<{ sentTo: string }> {
  const { loaded, session, now } = input;
  const viewer = sessionViewer(loaded, session);
  assertAllowed(decideDeletionStep(input.facts, viewer, now));
  if (!viewer.stepUp.includes('email_otp')) refuse('step_up_required', { methods: [...viewer.stepUp] });
  const attempt = await reserve(deps.database.writer.db, EMAIL_CODE_POLICY, session.userId, EMAIL_CODE_LIMIT, now);
  if (!attempt.reserved) refuse('rate_limited', { retryAfter: retryAfterSeconds(attempt.limit, now) }, attempt.limit);
  await deps.stepUp.sendEmailCode(session.email);
  return { sentTo: maskedEmail(session.email) };
}
