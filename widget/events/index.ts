/** The element's events, one class each, and their place in the DOM's event map for typed listeners. */
import type { OdzDeletionCancelledEvent } from './odz-deletion-cancelled.js';
import type { OdzDeletionScheduledEvent } from './odz-deletion-scheduled.js';
import type { OdzErrorEvent } from './odz-error.js';
import type { OdzLeftEvent } from './odz-left.js';

export { OdzEvent } from './odz-event.js';
export { OdzLeftEvent } from './odz-left.js';
export { OdzDeletionScheduledEvent } from './odz-deletion-scheduled.js';
export { OdzDeletionCancelledEvent } from './odz-deletion-cancelled.js';
export { OdzErrorEvent, type OdzErrorDetail } from './odz-error.js';

declare global {
  interface GlobalEventHandlersEventMap {
    'odz-left': OdzLeftEvent;
    'odz-deletion-scheduled': OdzDeletionScheduledEvent;
    'odz-deletion-cancelled': OdzDeletionCancelledEvent;
    'odz-error': OdzErrorEvent;
  }
}
