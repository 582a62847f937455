/**
 * The QA page: sign in as any seeded user, pick an org, and exercise <org-danger-zone> with the
 * QA endpoints of SPEC 4.5 (reset, clock, purge, resources, status, billing, API keys), watching
 * the mailbox, both audit logs and the state the widget received. Everything a user could type is
 * rendered with textContent, so hostile names stay text here too.
 */
import '../widget/index.js';
import type { OrgDangerZone } from '../widget/index.js';

interface DirectoryUser {
  id: string;
  name: string;
  email: string;
  role: string | null;
  memberships: { orgId: string; role: string }[];
}
interface DirectoryOrg {
  id: string;
  name: string;
  slug: string;
  status: string;
  purpose: string | null;
}
interface AuditEvent {
  action: string;
  orgId: string | null;
  actor: string | null;
  at: string;
  outcome: string;
  impersonatorUserId: string | null;
  organizationName?: string | null;
  details: unknown;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
};

async function call<T = unknown>(path: string, init: { method?: string; json?: unknown } = {}) {
  const res = await fetch(path, {
    method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
    credentials: 'include',
    headers: init.json === undefined ? {} : { 'content-type': 'application/json' },
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  });
  const body = (await res.json().catch(() => null)) as T & { error?: { message?: string }; message?: string };
  return { ok: res.ok, status: res.status, body };
}

const page = {
  users: [] as DirectoryUser[],
  orgs: [] as DirectoryOrg[],
  me: null as { id: string; name: string; email: string } | null,
  // `?org=` is how the deletion emails link here (SETTINGS_URL's default with DEMO=1).
  orgId: new URLSearchParams(location.search).get('org') ?? localStorage.getItem('odz-qa-org') ?? '',
  widget: null as OrgDangerZone | null,
  lastStateJson: '',
};

function status(message: string) {
  $('qa-status').textContent = `${new Date().toLocaleTimeString()} · ${message}`;
}

// ---------------------------------------------------------------- who and which org

async function loadDirectory() {
  const res = await call<{ users: DirectoryUser[]; orgs: DirectoryOrg[] }>('/api/demo/directory');
  page.users = res.body.users;
  page.orgs = res.body.orgs;
  const session = await call<{ user: { id: string; name: string; email: string } } | null>('/api/auth/get-session');
  page.me = session.body?.user ?? null;
  renderUsers();
  renderOrgPicker();
  if (invitationId) void showInvitation();
}

const roleLabel = (role: string) =>
  role
    .split(',')
    .map((r) => r.trim())
    .join(', ');

function renderUsers() {
  const list = $('users');
  list.replaceChildren();
  for (const user of page.users) {
    const button = el('button');
    button.type = 'button';
    button.setAttribute('aria-pressed', String(page.me?.id === user.id));
    button.append(el('span', user.name));
    const orgs = user.memberships.map((m) => `${roleLabel(m.role)} · ${page.orgs.find((o) => o.id === m.orgId)?.name ?? m.orgId}`).join('; ');
    button.append(el('small', user.role === 'admin' ? `Platform admin${orgs ? `; ${orgs}` : ''}` : orgs || 'no organization'));
    button.addEventListener('click', () => void signInAs(user));
    const item = el('li');
    item.append(button);
    list.append(item);
  }
  $('session').textContent = page.me ? `Signed in as ${page.me.name} <${page.me.email}>` : 'Not signed in.';
}

async function signInAs(user: DirectoryUser) {
  const res = await call('/api/auth/sign-in/email', { json: { email: user.email, password: 'danger-zone-demo' } });
  if (!res.ok) {
    const message = res.body?.error?.message ?? res.body?.message ?? `HTTP ${res.status}`;
    status(`Sign-in of ${user.email} refused (${res.status}): ${message}`);
    $('session').textContent = `Sign-in of ${user.name} refused: ${message}`;
    return;
  }
  status(`Signed in as ${user.email}`);
  const own = user.memberships.map((m) => m.orgId);
  if (!own.includes(page.orgId)) page.orgId = own[0] ?? page.orgId;
  await loadDirectory();
  mountWidget();
}

function renderOrgPicker() {
  const select = $<HTMLSelectElement>('org');
  select.replaceChildren();
  const mine = page.users.find((u) => u.id === page.me?.id)?.memberships ?? [];
  const mineIds = new Set(mine.map((m) => m.orgId));
  for (const org of [...page.orgs].sort((a, b) => Number(mineIds.has(b.id)) - Number(mineIds.has(a.id)))) {
    const role = mine.find((m) => m.orgId === org.id)?.role;
    const option = el('option', `${org.name}${role ? ` (${roleLabel(role)})` : ' (not a member)'}${org.status === 'active' ? '' : ` · ${org.status}`}`);
    option.value = org.id;
    select.append(option);
  }
  if (!page.orgs.some((o) => o.id === page.orgId)) page.orgId = mine[0]?.orgId ?? page.orgs[0]?.id ?? '';
  select.value = page.orgId;
  $('org-purpose').textContent = page.orgs.find((o) => o.id === page.orgId)?.purpose ?? '';
  for (const [id, path] of [
    ['ex-plain', 'examples/plain.html'],
    ['ex-react', 'examples/react/'],
    ['ex-vue', 'examples/vue/'],
  ] as const) {
    $<HTMLAnchorElement>(id).href = `/demo/${path}?org=${encodeURIComponent(page.orgId)}`;
  }
  const cross = new URL(location.href);
  cross.port = String(Number(location.port || 80) + 1);
  cross.pathname = '/demo/examples/cross-origin.html';
  cross.search = `?org=${encodeURIComponent(page.orgId)}&bff=${encodeURIComponent(location.origin)}`;
  $<HTMLAnchorElement>('ex-cross').href = cross.toString();
}

// ---------------------------------------------------------------- the widget, as a host embeds it

const darkTheme = {
  '--odz-color-background': '#0d1117',
  '--odz-color-surface': '#161b22',
  '--odz-color-text': '#e6edf3',
  '--odz-color-muted': '#9198a1',
  '--odz-color-border': '#3d444d',
  '--odz-color-danger': '#f85149',
  '--odz-color-danger-text': '#0d1117',
  '--odz-color-danger-soft': '#2d1214',
  '--odz-color-focus': '#4493f8',
};
const lightTheme = {
  '--odz-color-background': '#ffffff',
  '--odz-color-surface': '#f6f7f9',
  '--odz-color-text': '#1b1f24',
  '--odz-color-muted': '#59636e',
  '--odz-color-border': '#d1d9e0',
  '--odz-color-danger': '#c4232d',
  '--odz-color-danger-text': '#ffffff',
  '--odz-color-danger-soft': '#fff1f0',
  '--odz-color-focus': '#0969da',
};

function applyDisplay() {
  const lang = $<HTMLSelectElement>('lang').value;
  const theme = $<HTMLSelectElement>('theme').value;
  const dir = $<HTMLSelectElement>('dir').value;
  document.documentElement.dataset.theme = theme;
  const host = $('widget-host');
  host.dir = dir;
  const widget = page.widget;
  if (!widget) return;
  widget.lang = lang;
  for (const [name] of Object.entries(darkTheme)) widget.style.removeProperty(name);
  if (theme !== 'system') {
    // Theming a host would do: set the --odz-* properties (here, the same palette the page uses).
    for (const [name, value] of Object.entries(theme === 'dark' ? darkTheme : lightTheme)) widget.style.setProperty(name, value);
  }
}

function logEvent(event: Event) {
  const detail = (event as CustomEvent).detail as unknown;
  const item = el('li', `${new Date().toLocaleTimeString()} ${event.type} ${JSON.stringify(detail)}`, 'mono');
  $('events').prepend(item);
  const notices: Record<string, string> = {
    'odz-left': 'The host got odz-left: a real app would navigate away now.',
    'odz-deletion-scheduled': 'The host got odz-deletion-scheduled: a real app would sign the user out of this org.',
    'odz-deletion-cancelled': 'The host got odz-deletion-cancelled: everyone can work again.',
  };
  const notice = notices[event.type];
  if (notice) {
    $('host-notice').textContent = notice;
    void loadDirectory();
  }
}

function mountWidget() {
  localStorage.setItem('odz-qa-org', page.orgId);
  $('host-notice').textContent = '';
  const widget = document.createElement('org-danger-zone');
  widget.setAttribute('org-id', page.orgId);
  widget.setAttribute('api-base', '/api');
  for (const type of ['odz-left', 'odz-deletion-scheduled', 'odz-deletion-cancelled', 'odz-error']) {
    widget.addEventListener(type, logEvent);
  }
  $('widget-host').replaceChildren(widget);
  page.widget = widget;
  applyDisplay();
  void refreshLive();
}

// ---------------------------------------------------------------- QA controls

async function qa(label: string, path: string, init: { method?: string; json?: unknown } = {}) {
  const res = await call<Record<string, unknown>>(path, init);
  status(res.ok ? `${label}: done` : `${label}: ${res.status} ${res.body?.error?.message ?? ''}`);
  page.widget?.reload();
  void refreshClock();
  void refreshLive();
  return res;
}

// ---------------------------------------------------------------- an invitation link from the mailbox

const invitationId = new URLSearchParams(location.search).get('invitation');

async function showInvitation() {
  const box = $('invitation');
  box.hidden = !invitationId;
  if (!invitationId) return;
  const res = await call<{ organizationName?: string; inviterEmail?: string; email?: string; message?: string }>(
    `/api/auth/organization/get-invitation?id=${encodeURIComponent(invitationId)}`,
  );
  $('invitation-text').textContent = res.ok
    ? `${res.body.inviterEmail} invited ${res.body.email} to ${res.body.organizationName}. Signed in as ${page.me?.email ?? 'nobody'}.`
    : `Invitation ${invitationId}: sign in as the invited person to answer it (${res.body?.message ?? res.status}).`;
}

async function answerInvitation(answer: 'accept' | 'reject') {
  const res = await call<{ member?: { organizationId: string }; error?: { message?: string }; message?: string }>(
    `/api/auth/organization/${answer}-invitation`,
    {
      json: { invitationId },
    },
  );
  if (!res.ok) {
    status(`Invitation ${answer} refused (${res.status}): ${res.body?.error?.message ?? res.body?.message ?? ''}`);
    return;
  }
  status(answer === 'accept' ? 'Invitation accepted' : 'Invitation declined');
  history.replaceState(null, '', location.pathname);
  $('invitation').hidden = true;
  if (res.body.member) page.orgId = res.body.member.organizationId;
  await loadDirectory();
  mountWidget();
}

const orgPath = (suffix: string) => `/api/demo/orgs/${encodeURIComponent(page.orgId)}/${suffix}`;

function wireControls() {
  $('reset').addEventListener('click', async () => {
    await qa('Reset', '/api/demo/reset', { method: 'POST' });
    page.me = null;
    await loadDirectory();
    mountWidget();
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-advance]')) {
    button.addEventListener('click', () => void qa(`Clock ${button.textContent}`, '/api/demo/clock', { json: { advanceMs: Number(button.dataset.advance) } }));
  }
  $('clock-set').addEventListener('click', () => {
    const value = $<HTMLInputElement>('clock-date').value;
    if (value) void qa('Clock set', '/api/demo/clock', { json: { now: new Date(value).toISOString() } });
  });
  $('purge').addEventListener('click', async () => {
    const res = await qa('Purge', '/api/demo/purge', { method: 'POST' });
    $('purge-result').textContent = JSON.stringify(res.body, null, 2);
    await loadDirectory();
  });
  $('res-add').addEventListener('click', () => {
    const count = Number($<HTMLInputElement>('res-count').value) || 1;
    void qa('Add resources', orgPath('resources'), { json: { count, kind: $<HTMLInputElement>('res-kind').value || 'camera' } });
  });
  $('res-decommission').addEventListener('click', () => void qa('Decommission', orgPath('resources'), { method: 'DELETE' }));
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-status]')) {
    button.addEventListener('click', async () => {
      await qa(`Status ${button.dataset.status}`, orgPath('status'), { json: { status: button.dataset.status } });
      await loadDirectory();
    });
  }
  $('sub-set').addEventListener('click', () => void qa('Subscription', orgPath('subscription'), { json: { status: $<HTMLSelectElement>('sub').value } }));
  $('credits-set').addEventListener(
    'click',
    () => void qa('Credits', orgPath('credits'), { json: { balance: Number($<HTMLInputElement>('credits').value) || 0 } }),
  );
  $('api-key').addEventListener('click', async () => {
    const res = await qa('API key', orgPath('api-keys'), { method: 'POST' });
    $('api-key-out').textContent = res.ok ? `Shown once: ${String(res.body.key)}` : '';
  });
  $('hold-set').addEventListener(
    'click',
    () => void qa('Legal hold', orgPath('legal-hold'), { json: { reason: $<HTMLInputElement>('hold-reason').value || 'Legal hold' } }),
  );
  $('hold-lift').addEventListener('click', () => void qa('Lift legal hold', orgPath('legal-hold'), { method: 'DELETE' }));
  $('invite').addEventListener('click', async () => {
    // better-auth's own endpoint, as the signed-in user: the BFF's guards apply (423 while pending).
    const email = $<HTMLInputElement>('invite-email').value.trim();
    const res = await call<{ error?: { message?: string }; message?: string }>('/api/auth/organization/invite-member', {
      json: { organizationId: page.orgId, email, role: $<HTMLSelectElement>('invite-role').value },
    });
    status(res.ok ? `Invited ${email}: the email is in the mailbox` : `Invite refused (${res.status}): ${res.body?.error?.message ?? res.body?.message ?? ''}`);
    void refreshLive();
  });
  $('sign-up').addEventListener('submit', async (event) => {
    event.preventDefault();
    const json = {
      name: $<HTMLInputElement>('sign-up-name').value,
      email: $<HTMLInputElement>('sign-up-email').value,
      password: $<HTMLInputElement>('sign-up-password').value,
    };
    const res = await call<{ message?: string }>('/api/auth/sign-up/email', { json });
    status(res.ok ? `Signed up and signed in as ${json.email}` : `Sign-up refused (${res.status}): ${res.body?.message ?? ''}`);
    await loadDirectory();
    mountWidget();
  });
  $('invitation-accept').addEventListener('click', () => void answerInvitation('accept'));
  $('invitation-reject').addEventListener('click', () => void answerInvitation('reject'));
  $('sign-out').addEventListener('click', async () => {
    await fetch('/api/auth/sign-out', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: '{}' });
    page.me = null;
    await loadDirectory();
    mountWidget();
  });
  $<HTMLSelectElement>('org').addEventListener('change', (e) => {
    page.orgId = (e.target as HTMLSelectElement).value;
    renderOrgPicker();
    mountWidget();
  });
  for (const id of ['lang', 'theme', 'dir']) {
    const select = $<HTMLSelectElement>(id);
    select.value = localStorage.getItem(`odz-qa-${id}`) ?? select.value;
    select.addEventListener('change', () => {
      localStorage.setItem(`odz-qa-${id}`, select.value);
      applyDisplay();
    });
  }
  for (const tab of document.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
    tab.addEventListener('click', () => {
      for (const other of document.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
        other.setAttribute('aria-selected', String(other === tab));
        $(`tab-${other.dataset.tab}`).hidden = other !== tab;
      }
    });
  }
}

// ---------------------------------------------------------------- live panels

async function refreshClock() {
  const res = await call<{ now: string }>('/api/demo/clock');
  if (res.ok) $('clock').textContent = `${res.body.now}\n${new Date(res.body.now).toLocaleString()}`;
}

function renderMailbox(messages: { id: string; to: string; subject: string; text: string; createdAt: string; sentAt: string | null }[]) {
  const panel = $('tab-mailbox');
  const open = new Set([...panel.querySelectorAll('details[open]')].map((d) => (d as HTMLElement).dataset.id));
  panel.replaceChildren();
  if (messages.length === 0) panel.append(el('p', 'No emails yet.', 'hint'));
  for (const m of messages) {
    const details = el('details', undefined, 'entry');
    details.dataset.id = m.id;
    details.open = open.has(m.id);
    const summary = el('summary');
    summary.append(el('strong', m.subject), el('span', ` → ${m.to}`));
    summary.append(el('div', `${m.createdAt}${m.sentAt ? ` · sent ${m.sentAt}` : ' · in the outbox (no SMTP_URL)'}`, 'meta'));
    details.append(summary, linkified(m.text));
    panel.append(details);
  }
}

/** The email's text with its links clickable (an invitation's link opens this page to accept it). */
function linkified(text: string): HTMLElement {
  const pre = el('pre', undefined, 'mono small');
  let last = 0;
  for (const match of text.matchAll(/https?:\/\/\S+/g)) {
    pre.append(text.slice(last, match.index));
    const link = el('a', match[0]);
    link.href = match[0];
    pre.append(link);
    last = match.index + match[0].length;
  }
  pre.append(text.slice(last));
  return pre;
}

interface WebhookRow {
  id: string;
  type: string;
  orgId: string;
  createdAt: string;
  deliveries: {
    endpoint: string;
    attempts: { at: string; status: number | null; error: string | null; durationMs: number }[];
    deliveredAt: string | null;
    failedAt: string | null;
    nextAttemptAt: string | null;
  }[];
}

function renderWebhooks(events: WebhookRow[], received: { id: string | null; type: string | null; verified: boolean; receivedAt: string }[]) {
  const panel = $('tab-webhooks');
  const open = new Set([...panel.querySelectorAll('details[open]')].map((d) => (d as HTMLElement).dataset.id));
  panel.replaceChildren();
  if (events.length === 0) panel.append(el('p', 'No webhook events yet.', 'hint'));
  const verified = new Set(received.filter((r) => r.verified).map((r) => r.id));
  for (const e of events) {
    const details = el('details', undefined, 'entry');
    details.dataset.id = e.id;
    details.open = open.has(e.id);
    const delivery = e.deliveries[0];
    const state = !delivery ? 'waiting' : delivery.deliveredAt ? 'delivered' : delivery.failedAt ? 'gave up' : `retrying (next ${delivery.nextAttemptAt})`;
    const summary = el('summary');
    summary.append(el('strong', e.type), el('span', ` · ${state}${verified.has(e.id) ? ' · signature verified by the receiver' : ''}`));
    summary.append(el('div', `${e.createdAt} · ${e.id} · org ${e.orgId}`, 'meta'));
    details.append(summary);
    for (const d of e.deliveries) {
      details.append(el('div', `→ ${d.endpoint}`, 'meta'));
      const list = el('ol', undefined, 'small');
      for (const a of d.attempts) list.append(el('li', `${a.at}: ${a.status ?? 'no answer'}${a.error ? ` (${a.error})` : ''}, ${a.durationMs} ms`, 'mono'));
      details.append(list);
    }
    panel.append(details);
  }
}

function renderAudit(panelId: string, events: AuditEvent[], platform: boolean) {
  const panel = $(panelId);
  panel.replaceChildren();
  if (events.length === 0) {
    panel.append(el('p', 'No entries.', 'hint'));
    return;
  }
  const table = el('table', undefined, 'log');
  const head = el('tr');
  for (const h of ['time (UTC)', 'action', 'outcome', 'actor', ...(platform ? ['org'] : []), 'details']) head.append(el('th', h));
  table.append(head);
  for (const e of events) {
    const row = el('tr');
    row.append(el('td', e.at), el('td', e.action), el('td', e.outcome));
    row.append(el('td', `${e.actor ?? ''}${e.impersonatorUserId ? ' (impersonated)' : ''}`));
    if (platform) row.append(el('td', `${e.organizationName ?? ''} ${e.orgId ?? ''}`));
    row.append(el('td', e.details ? JSON.stringify(e.details) : '', 'mono small'));
    table.append(row);
  }
  panel.append(table);
}

let liveRequest = 0;

async function refreshLive() {
  // Refreshes overlap (the timer, and every QA action); only the newest may paint.
  const request = ++liveRequest;
  const [mail, platform, webhooks, org] = await Promise.all([
    call<{ messages: Parameters<typeof renderMailbox>[0] }>('/api/demo/mailbox'),
    call<{ events: AuditEvent[] }>('/api/demo/platform-audit'),
    call<{ events: WebhookRow[]; received: Parameters<typeof renderWebhooks>[1] }>('/api/demo/webhooks'),
    page.orgId ? call<{ events: AuditEvent[] }>(orgPath('audit-log')) : Promise.resolve(null),
  ]);
  if (request !== liveRequest) return;
  if (mail.ok) renderMailbox(mail.body.messages);
  if (platform.ok) renderAudit('tab-platform-audit', platform.body.events, true);
  if (webhooks.ok) renderWebhooks(webhooks.body.events, webhooks.body.received);
  if (org?.ok) renderAudit('tab-org-audit', org.body.events, false);
  else $('tab-org-audit').replaceChildren(el('p', 'This org no longer exists (purged?). The platform log remembers it.', 'hint'));
}

function refreshStateJson() {
  const json = JSON.stringify(page.widget?.state ?? null, null, 2);
  if (json !== page.lastStateJson) {
    page.lastStateJson = json;
    $('state-json').textContent = json;
  }
}

wireControls();
await loadDirectory();
mountWidget();
void showInvitation();
void refreshClock();
setInterval(() => void refreshLive(), 2000);
setInterval(() => void refreshClock(), 5000);
setInterval(refreshStateJson, 500);
