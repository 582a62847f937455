/**
 * A purged org's slug (issue 21, part 5), with `SLUG_RESERVATION_DAYS=30` and
 * `SLUG_RESERVED_FOR=former_owners`: through better-auth's own endpoints, nobody else may take it
 * (create, update, check-slug) until the reservation ends; its former owner may. Orgs are created
 * with better-auth's endpoint and purged through the danger zone's doors.
 */
import { beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../bff/demo/data-set.js';
import { useTestBff } from '../helpers/bff.js';
import { createIntent } from '../helpers/deletion.js';
import type { Fixtures } from '../helpers/fixtures.js';

const bff = useTestBff({ SLUG_RESERVATION_DAYS: 30, SLUG_RESERVED_FOR: 'former_owners' });
let make: Fixtures;
beforeAll(() => {
  make = bff.make;
});

const auth = (path: string, token: string, json: unknown) => bff.request(`/api/auth/organization/${path}`, { token, json });
const codeOf = async (res: Response) => ((await res.clone().json()) as { code?: string }).code;

async function createOrg(token: string, name: string, slug: string) {
  const res = await auth('create', token, { name, slug });
  return { res, id: res.status === 200 ? ((await res.clone().json()) as { id: string }).id : null };
}

/** Intent, cooldown, the confirmation, then "delete now" and the purge's next pass. */
async function purge(org: { id: string; name: string }, token: string) {
  for (const path of ['deletion', 'deletion/now']) {
    const { intent } = await createIntent(bff, org.id, token);
    bff.clock.advance(bff.settings.cooldownSeconds * 1000);
    const res = await bff.request(`/api/orgs/${org.id}/${path}`, {
      token,
      json: { intentId: intent!.intentId, confirmName: org.name, password: DEMO_PASSWORD },
    });
    expect(res.status).toBe(202);
  }
  expect((await bff.request('/api/demo/purge', { method: 'POST' })).status).toBe(200);
}

it('nobody else takes a purged org’s slug for 30 days, through any of better-auth’s doors; its former owner may', async () => {
  const owner = await make.user('Olga Owner');
  const stranger = await make.user('Sam Stranger');
  const ownerToken = await bff.signIn(owner.email);
  const strangerToken = await bff.signIn(stranger.email);
  const gone = await createOrg(ownerToken, 'Gone Co', 'gone-co');
  expect(gone.res.status).toBe(200);
  await purge({ id: gone.id!, name: 'Gone Co' }, ownerToken);

  const check = await auth('check-slug', strangerToken, { slug: 'gone-co' });
  expect([check.status, await codeOf(check)]).toEqual([400, 'slug_reserved']);
  const taken = await createOrg(strangerToken, 'Phish Co', 'gone-co');
  expect([taken.res.status, await codeOf(taken.res)]).toEqual([400, 'slug_reserved']);
  expect(((await taken.res.json()) as { message: string }).message).toMatch(/reserved until \d{4}-\d{2}-\d{2}T/);
  const mine = await createOrg(strangerToken, 'Sam Co', 'sam-co');
  const renamed = await auth('update', strangerToken, { organizationId: mine.id, data: { slug: 'gone-co' } });
  expect([renamed.status, await codeOf(renamed)]).toEqual([400, 'slug_reserved']);

  // The former owner may take it back.
  const back = await auth('check-slug', ownerToken, { slug: 'gone-co' });
  expect([back.status, await back.json()]).toEqual([200, { status: true }]);

  // After 30 days it is anyone's.
  bff.clock.advance(31 * 86_400_000);
  expect((await createOrg(strangerToken, 'Later Co', 'gone-co')).res.status).toBe(200);
});
