'use client';
// The recipe's client component: event handlers and getToken are functions, which only a client
// component can pass.
import { useRouter } from 'next/navigation';
import { OrgDangerZone } from 'org-danger-zone/react';

export function DangerZone({ orgId }: { orgId: string }) {
  const router = useRouter();
  return (
    <OrgDangerZone
      orgId={orgId}
      apiBase="/dz/api"
      onOdzLeft={() => router.push('/')}
      onOdzDeletionScheduled={(event) => router.push(`/goodbye?purge=${encodeURIComponent(event.detail.purgeAt)}`)}
      onOdzError={(event) => {
        if (event.detail.signedOut) router.push('/sign-in');
      }}
    />
  );
}
