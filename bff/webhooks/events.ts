/**
 * Webhook events as statements of the caller's write batch: an event exists if and only if the
 * change it reports committed. Nothing is recorded when no endpoint is configured, so a host that
 * adds one later does not receive a backlog of old events.
 */
import type { WebhookData, WebhookEventType } from '../../shared/webhooks.js';
import type { AuditActor } from '../audit/audit.js';
import type { Statement } from '../db/batch.js';
import type { Db } from '../db/database.js';
import { tablesOf } from '../db/handle.js';
import { newId } from '../ids.js';

export function webhookEventStatements<Type extends WebhookEventType>(
  db: Db,
  enabled: boolean,
  event: { type: Type; orgId: string; data: WebhookData<Type>; at: Date },
): Statement[] {
  if (!enabled) return [];
  const payload = JSON.stringify({ type: event.type, timestamp: event.at.toISOString(), data: event.data });
  return [db.insert(tablesOf(db).webhookEvent).values({ id: newId('msg'), organizationId: event.orgId, type: event.type, payload, createdAt: event.at })];
}

/** Who did it, as the webhooks say it. */
export function eventActor(actor: AuditActor) {
  return { userId: actor.userId, label: actor.label, impersonatedBy: actor.impersonatorUserId };
}

export const eventOrg = (org: { id: string; name: string; slug?: string | null }) => ({ id: org.id, name: org.name, slug: org.slug ?? null });
