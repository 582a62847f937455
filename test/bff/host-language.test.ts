/**
 * A host's own language (issue 19): email templates per event and locale, each recipient's email in
 * their locale with a fallback to English, and the host's wording for codes in error bodies and in
 * the state's reasons and warnings.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../bff/app.js';
import { tables as t } from '../helpers/tables.js';
import type { MailTemplates } from '../../bff/mail/templates.js';
import { dangerZoneState, errorBody } from '../../shared/schemas.js';
import { TEST_BASE_URL, useTestBff, type RequestOptions, type TestBff } from '../helpers/bff.js';
import { confirmDeletion, createIntent, scheduleDeletion } from '../helpers/deletion.js';

const bff = useTestBff();
let ids: { orgs: Record<string, string> };
beforeEach(async () => {
  ids = (await (await bff.request('/api/demo/reset', { method: 'POST' })).json()) as typeof ids;
});

/** The same database and auth, mounted as a host would with its own options. */
function hostApp(options: Parameters<typeof createApp>[0]): TestBff {
  const app = createApp(options);
  const request = (path: string, init: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...init.headers, ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) };
    const body = init.json === undefined ? init.body : JSON.stringify(init.json);
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    return Promise.resolve(app.request(`${TEST_BASE_URL}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body }));
  };
  return { ...bff, request };
}

describe('email templates per event and locale', () => {
  it("renders each member's email in their locale (de-CH falls back to de), English where no template exists; a subject stays one line", async () => {
    const german: Partial<MailTemplates> = {
      deletion_scheduled: ({ orgName, purgeAt, initiator, recipient, locale }) => ({
        subject: `„${orgName}“ wird am ${purgeAt.toLocaleDateString(locale, { timeZone: 'UTC' })} gelöscht\nBcc: attacker@example.com`,
        text: `Hallo ${recipient.name}, ${initiator.name} hat „${orgName}“ zur Löschung vorgemerkt.`,
      }),
    };
    const host = hostApp({
      database: bff.database,
      auth: bff.auth,
      clock: bff.clock,
      emails: { templates: { de: german }, localeOf: (r) => (r.email === 'hank@example.com' ? 'de-CH' : undefined) },
    });
    const hank = await bff.signIn('hank@example.com');
    expect((await scheduleDeletion(host, { id: ids.orgs.hooli!, name: 'Hooli XYZ' }, hank, ['other_members'])).status).toBe(202);
    expect((await host.request(`/api/orgs/${ids.orgs.hooli}/deletion`, { method: 'DELETE', token: hank })).status).toBe(200);

    const mails = await bff.database.reader.db.select().from(t.outbox).where(eq(t.outbox.organizationId, ids.orgs.hooli!));
    const scheduled = mails.filter((m) => m.event === 'org.deletion_initiated');
    const toHank = scheduled.find((m) => m.toEmail === 'hank@example.com')!;
    expect(toHank.subject).toMatch(/^„Hooli XYZ“ wird am \d+\.\d+\.\d+ gelöscht Bcc: attacker@example\.com$/);
    expect(toHank.text).toBe('Hallo Hank Hooli, Hank Hooli hat „Hooli XYZ“ zur Löschung vorgemerkt.');
    const others = scheduled.filter((m) => m.toEmail !== 'hank@example.com');
    expect(others.length).toBeGreaterThan(0);
    for (const m of others) expect(m.subject).toMatch(/^"Hooli XYZ" is scheduled for deletion on /);
    // No German cancellation template: everyone gets the English one.
    for (const m of mails.filter((m) => m.event === 'org.deletion_cancelled')) expect(m.subject).toBe('The deletion of "Hooli XYZ" was cancelled');
  });
});

describe("the host's wording for codes", () => {
  it('replaces our message in error bodies and in the state, code by code; host notices and other codes keep theirs', async () => {
    const host = hostApp({
      database: bff.database,
      auth: bff.auth,
      clock: bff.clock,
      messages: (code, params) =>
        code === 'name_mismatch' ? 'Der Name stimmt nicht überein.' : code === 'other_members' ? `${params.count} Personen verlieren den Zugang.` : undefined,
    });
    const hank = await bff.signIn('hank@example.com');
    const state = dangerZoneState.parse(await (await host.request(`/api/orgs/${ids.orgs.hooli}/danger-zone`, { token: hank })).json());
    expect(state.actions.delete.warnings.map((w) => w.message)).toEqual(['2 Personen verlieren den Zugang.']);
    expect(state.actions.leave.reasons.map((r) => r.message)).toEqual(['You are the only owner. Promote another member to Owner first.']);

    const { intent } = await createIntent(host, ids.orgs.hooli!, hank);
    bff.clock.advance(bff.settings.cooldownSeconds * 1000);
    const wrong = await confirmDeletion(host, ids.orgs.hooli!, hank, {
      intentId: intent!.intentId,
      confirmName: 'hooli xyz',
      acknowledgements: ['other_members'],
    });
    expect([wrong.status, errorBody.parse(await wrong.json()).error]).toEqual([422, { code: 'name_mismatch', message: 'Der Name stimmt nicht überein.' }]);
    const missing = await host.request('/api/orgs/org_nope/danger-zone', { token: hank });
    expect(errorBody.parse(await missing.json()).error).toEqual({ code: 'org_not_found', message: 'No such organization.' });
  });
});
