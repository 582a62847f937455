import { OdzEvent } from './odz-event.js';

/** The viewer confirmed the deletion; the purge runs at `purgeAt` unless an owner cancels. */
export class OdzDeletionScheduledEvent extends OdzEvent<{ orgId: string; purgeAt: string }> {
  constructor(detail: { orgId: string; purgeAt: string }) {
    super('odz-deletion-scheduled', detail);
  }
}
