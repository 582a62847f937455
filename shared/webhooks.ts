/**
 * The webhooks the danger zone sends (Standard Webhooks: `webhook-id`, `webhook-timestamp`,
 * `webhook-signature` headers; the body is `{type, timestamp, data}`). Every payload is described
 * here, so a host can parse what it receives with the same schemas.
 */
import * as z from 'zod';

export const webhookEventTypes = [
  'org.deletion_scheduled',
  'org.deletion_cancelled',
  'org.deletion_expedited',
  'org.deleted',
  'member.left',
  'member.role_changed',
  'member.removed',
  'ownership.offered',
  'ownership.accepted',
  'ownership.declined',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

const iso = z.iso.datetime();
const organization = z.object({ id: z.string(), name: z.string(), slug: z.string().nullable() });
/** Who did it: a user (possibly impersonated by a platform admin), a management token, or the system. */
const actor = z.object({
  userId: z.string().nullable(),
  label: z.string(),
  impersonatedBy: z.string().nullable(),
});
const role = z.enum(['owner', 'admin', 'member']);

/** An ownership offer (issue 21): from an owner to a member, who becomes an owner only by accepting. */
const offer = {
  offerId: z.string(),
  fromUserId: z.string(),
  toUserId: z.string(),
  /** The offering owner leaves when the offer is accepted, in the same transaction. */
  leaveAfter: z.boolean(),
  expiresAt: iso,
};

const event = <Type extends WebhookEventType, Data extends z.ZodType>(type: Type, data: Data) => z.object({ type: z.literal(type), timestamp: iso, data });

export const webhookPayload = z.discriminatedUnion('type', [
  event(
    'org.deletion_scheduled',
    z.object({
      organization,
      purgeAt: iso,
      requestedAt: iso,
      requestedBy: actor,
      acknowledgements: z.array(z.string()),
      /** Why, when the owner said (issue 21): one of `deletionReasonCodes`, and their own words. */
      reason: z.object({ code: z.string(), text: z.string().optional() }).nullable(),
    }),
  ),
  /** An owner asked for the purge now (issue 21): it runs at its next pass. */
  event('org.deletion_expedited', z.object({ organization, purgeAt: iso, scheduledPurgeAt: iso.nullable(), requestedBy: actor })),
  event('org.deletion_cancelled', z.object({ organization, cancelledBy: actor, purgeAt: iso.nullable() })),
  event(
    'org.deleted',
    z.object({
      organization,
      /** Rows removed per table, the host's registered tables included; `organization: 1`. */
      removed: z.record(z.string(), z.number().int()),
      requestedBy: z.string().nullable(),
      requestedAt: iso.nullable(),
      purgedAt: iso,
    }),
  ),
  event('member.left', z.object({ organization, userId: z.string(), role, successorUserId: z.string().nullable(), actor })),
  /** Someone was removed from the org through better-auth's `organization/remove-member`. */
  event('member.removed', z.object({ organization, userId: z.string(), role, actor })),
  event(
    'member.role_changed',
    z.object({ organization, userId: z.string(), from: role, to: role, reason: z.enum(['role_change', 'hand_off', 'ownership_offer']), actor }),
  ),
  event('ownership.offered', z.object({ organization, ...offer, actor })),
  event('ownership.accepted', z.object({ organization, ...offer, actor })),
  event('ownership.declined', z.object({ organization, ...offer, actor })),
]);

export type WebhookPayload = z.infer<typeof webhookPayload>;
export type WebhookData<Type extends WebhookEventType> = Extract<WebhookPayload, { type: Type }>['data'];
