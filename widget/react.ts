/**
 * React wrapper (`@lit/react`): typed props and `onOdzLeft`-style event props for React 18/19.
 *
 *   import { OrgDangerZone } from 'org-danger-zone/react';
 *   <OrgDangerZone orgId={id} getToken={getToken} onOdzLeft={() => navigate('/')} />
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { OrgDangerZone as OrgDangerZoneElement } from './index.js';
import type { OdzDeletionCancelledEvent, OdzDeletionScheduledEvent, OdzErrorEvent, OdzLeftEvent } from './events/index.js';

export const OrgDangerZone = createComponent({
  tagName: 'org-danger-zone',
  elementClass: OrgDangerZoneElement,
  react: React,
  events: {
    onOdzLeft: 'odz-left' as EventName<OdzLeftEvent>,
    onOdzDeletionScheduled: 'odz-deletion-scheduled' as EventName<OdzDeletionScheduledEvent>,
    onOdzDeletionCancelled: 'odz-deletion-cancelled' as EventName<OdzDeletionCancelledEvent>,
    onOdzError: 'odz-error' as EventName<OdzErrorEvent>,
  },
});
