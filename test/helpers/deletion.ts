import type { TestBff } from './bff.js';
import { DEMO_PASSWORD } from '../../bff/demo/data-set.js';

export async function createIntent(bff: TestBff, orgId: string, token: string) {
  const res = await bff.request(`/api/orgs/${orgId}/deletion-intents`, { method: 'POST', token });
  return { res, intent: res.status === 201 ? ((await res.clone().json()) as { intentId: string; notBefore: string; expiresAt: string }) : null };
}

export function confirmDeletion(
  bff: TestBff,
  orgId: string,
  token: string,
  body: { intentId: string; confirmName: string; password?: string; acknowledgements?: string[] },
) {
  return bff.request(`/api/orgs/${orgId}/deletion`, { token, json: { password: DEMO_PASSWORD, acknowledgements: [], ...body } });
}

/** The whole D4 flow: intent, wait out the cooldown on the injected clock, confirm. */
export async function scheduleDeletion(bff: TestBff, org: { id: string; name: string }, token: string, acknowledgements: string[] = []) {
  const { res, intent } = await createIntent(bff, org.id, token);
  if (!intent) return res;
  bff.clock.advance(bff.settings.cooldownSeconds * 1000);
  return confirmDeletion(bff, org.id, token, { intentId: intent.intentId, confirmName: org.name, acknowledgements });
}
