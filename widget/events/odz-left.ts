import { OdzEvent } from './odz-event.js';

/** The viewer left the organization (through the confirm dialog or the hand-off). */
export class OdzLeftEvent extends OdzEvent<{ orgId: string }> {
  constructor(detail: { orgId: string }) {
    super('odz-left', detail);
  }
}
