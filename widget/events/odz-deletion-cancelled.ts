import { OdzEvent } from './odz-event.js';

/** The viewer cancelled the pending deletion; the organization is active again. */
export class OdzDeletionCancelledEvent extends OdzEvent<{ orgId: string }> {
  constructor(detail: { orgId: string }) {
    super('odz-deletion-cancelled', detail);
  }
}
