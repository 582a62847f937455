import { OdzEvent } from './odz-event.js';

/**
 * A request failed. Also fired when the state cannot be loaded (the one event not caused by a
 * click): a 401 asks the host to sign the user in. `status` 0 means no answer at all.
 */
export class OdzErrorEvent extends OdzEvent<{ code: string; message: string; status: number }> {
  constructor(detail: { code: string; message: string; status: number }) {
    super('odz-error', detail);
  }
}
