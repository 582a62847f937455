// Type-checks the host's wiring against the package's .d.ts with a strict host's flags (see
// tsconfig.json): the host's own hono (another minor than the package's), its own better-auth.
import { betterAuth } from 'better-auth';
import { bearer, organization, username } from 'better-auth/plugins';
import { Hono } from 'hono';
import {
  AdjustableClock,
  applyMigrations,
  createApp,
  dangerZone,
  openDatabase,
  startBackgroundJobs,
  widgetAssets,
  type DangerZoneState,
  type EmailOptions,
  type HostMessages,
  type Settings,
} from 'org-danger-zone/server';
import { outbox, platformAuditLog } from 'org-danger-zone/server/schema';
import { errorBody, routes, type DangerZoneState as ContractState, type ErrorBody } from 'org-danger-zone/contract';
import { hc, type InferResponseType } from 'hono/client';
import type { App } from 'org-danger-zone/server';

const database = await openDatabase({ url: 'file:host.db' });
await applyMigrations(database.writer);
const clock = new AdjustableClock();
const auth = betterAuth({
  basePath: '/dz/api/auth',
  emailAndPassword: { enabled: true },
  plugins: [organization(), bearer(), username(), dangerZone({ database, clock, invitationEmails: { acceptUrl: (id: string) => `/invitations/${id}` } })],
});
const settings: Partial<Settings> = { cooldownSeconds: 5 };
const emails: EmailOptions = {
  templates: { de: { deletion_cancelled: ({ orgName, recipient }) => ({ subject: `Abgebrochen: ${orgName}`, text: `Hallo ${recipient.name}` }) } },
  localeOf: (recipient) => (recipient.email.endsWith('.de') ? 'de' : undefined),
};
const messages: HostMessages = (code, params) => (code === 'has_active_resources' ? `${params['count'] ?? 0} aktive Geräte` : undefined);
const host = new Hono().route('/dz', createApp({ database, auth, clock, settings, emails, messages })).route('/dz/widget', widgetAssets());
const jobs = startBackgroundJobs({ database, clock, purge: { intervalSeconds: 60 } });
await jobs.purge?.runNow();
const state = null as DangerZoneState | null;
const purgeAt: string | null | undefined = state?.org.purgeAt;
const tables: string[] = [outbox, platformAuditLog].map((t) => String(t));
// A typed client of the mounted app: its answers are the contract's types.
const client = hc<App>('https://app.example.com/dz');
type StateAnswer = InferResponseType<(typeof client.api.orgs)[':orgId']['danger-zone']['$get']>;
const typedState: ContractState = null as unknown as StateAnswer;
const refusal: ErrorBody | undefined = errorBody.safeParse({}).data;
const leavePath: '/api/orgs/:orgId/leave' = routes.leaveOrganization.path;
export { host, purgeAt, tables, client, typedState, refusal, leavePath };
