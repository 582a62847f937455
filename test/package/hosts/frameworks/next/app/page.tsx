// A Server Component (the App Router's default) renders the wrapper directly: `org-danger-zone/react`
// is a client module ('use client'), so Next.js renders it on the server as the element's tag and
// hydrates it in the browser. Event props and getToken go through a client component of your own.
import { OrgDangerZone } from 'org-danger-zone/react';
import { DangerZone } from './danger-zone';

export default function SettingsPage() {
  return (
    <main>
      <h1>Settings</h1>
      <OrgDangerZone orgId="org_server_rendered" apiBase="/dz/api" />
      <DangerZone orgId="org_with_handlers" />
    </main>
  );
}
