/**
 * The element's events (SPEC 5): they bubble and cross the shadow boundary, and fire on user
 * actions only (and `odz-error` when the state cannot be loaded, so the host can sign the user in).
 */
abstract class OdzEvent<Detail> extends CustomEvent<Detail> {
  constructor(type: string, detail: Detail) {
    super(type, { detail, bubbles: true, composed: true });
  }
}

export class OdzLeftEvent extends OdzEvent<{ orgId: string }> {
  constructor(detail: { orgId: string }) {
    super('odz-left', detail);
  }
}

export class OdzDeletionScheduledEvent extends OdzEvent<{ orgId: string; purgeAt: string }> {
  constructor(detail: { orgId: string; purgeAt: string }) {
    super('odz-deletion-scheduled', detail);
  }
}

export class OdzDeletionCancelledEvent extends OdzEvent<{ orgId: string }> {
  constructor(detail: { orgId: string }) {
    super('odz-deletion-cancelled', detail);
  }
}

export class OdzErrorEvent extends OdzEvent<{ code: string; message: string; status: number }> {
  constructor(detail: { code: string; message: string; status: number }) {
    super('odz-error', detail);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'odz-left': OdzLeftEvent;
    'odz-deletion-scheduled': OdzDeletionScheduledEvent;
    'odz-deletion-cancelled': OdzDeletionCancelledEvent;
    'odz-error': OdzErrorEvent;
  }
}
