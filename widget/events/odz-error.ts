import { OdzEvent } from './odz-event.js';

export interface OdzErrorDetail {
  code: string;
  message: string;
  /** The HTTP status; 0 means no answer at all. */
  status: number;
  /**
   * The session is gone (signed out, expired, revoked): the host should sign the user in again.
   * False for everything else, e.g. a network failure or a state the server refused to send.
   */
  signedOut: boolean;
}

/**
 * The element cannot go on without its host: the state could not be loaded (the one event not
 * caused by a click), or the session ended during an action (`signedOut`). A refusal the element
 * shows and explains itself (a wrong password, a mistyped name, a rate limit) fires nothing: it is
 * the user's to fix, not the host's.
 */
export class OdzErrorEvent extends OdzEvent<OdzErrorDetail> {
  constructor(detail: OdzErrorDetail) {
    super('odz-error', detail);
  }
}
