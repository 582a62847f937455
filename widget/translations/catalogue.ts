/**
 * The widget's strings, typed: a catalogue is a complete record for one locale, so a missing
 * string, or a code of `shared/codes.ts` without its message, is a compile error rather than a
 * blank button. Entries that take numbers or names are functions; the locale formats them.
 *
 * `zone` is what the zone shows before any click; `dialogs` and most `messages` are needed only
 * after one. The split lets English show its first render before its whole catalogue has loaded.
 */
import type { DeletionReasonCode, MessageCode, MessageParams } from '../../shared/codes.js';

/** Codes the widget itself gives a failure: the network (no answer at all) and an answer without the spec's body. */
export type ClientCode = 'network_error' | 'http_error';

export type Message = (params: MessageParams) => string;

export interface ZoneStrings {
  title: string;
  loading: string;
  /** No answer at all: the one failure the first chunk says by itself (nothing else could load). */
  networkFailed: string;
  retry: string;
  leave: { title: string; description: string; button: string; handOffButton: string };
  delete: { title: string; description: (graceDays: number) => string; button: string };
  exports: { title: string; description: string; auditLog: string; members: string };
}

/**
 * What the zone says in its rare states: a pending deletion (the owners' banner, everyone else's
 * locked notice), a legal hold, and the answers that are not the state (signed out, not a member,
 * no org given, a server failure). Their strings and their view load only when one is shown
 * (`rare-view.ts`), not with the first chunk.
 */
export interface RareStrings {
  signInRequired: string;
  notFound: string;
  noOrgId: string;
  /** The server answered, but not with the state. */
  loadFailed: string;
  heading: string;
  /** The purge date (absolute, with its time zone) and how far off it is. */
  scheduled: (date: string, relative: string) => string;
  /** Who asked, and when. */
  requestedBy: (name: string, date: string) => string;
  /** What happened when it was scheduled: who was told, who lost access, what stopped. */
  effects: string;
  /** What the purge does not touch. */
  kept: string;
  /** What owners can still do until then. */
  ownerHint: string;
  cancel: string;
  /** How long is left, `span` already joined for the locale ("6 days and 4 hours"). */
  timeLeft: (span: string) => string;
  /** The purge date has come: it runs at the next pass. */
  imminent: string;
  /** Delete at the next pass instead of waiting (issue 21). */
  deleteNow: string;
  lockedHeading: string;
  locked: (date: string, relative: string) => string;
  askOwners: string;
  legalHold: {
    /** In the zone, while a legal hold stands. */
    notice: string;
    /** In the pending banner: the purge waits. */
    pending: string;
  };
}

/** What is said after a click: the dialogs, and the outcome of leaving or cancelling. */
export interface DialogStrings {
  /** Every dialog's way out, which changes nothing. */
  close: string;
  working: string;
  /** After a request of the dialog failed before it could start (the delete dialog's intent). */
  retry: string;
  /** After the pending deletion was cancelled: where focus goes, so it says what happened. */
  cancelled: string;
  /** An owner offered the viewer ownership (issue 21): the banner with Accept and Decline (loaded with the dialogs: it is rarely shown). */
  offer: {
    heading: string;
    /** `name` is the offering owner's; `date` until when the offer waits. */
    body: (name: string, date: string) => string;
    /** When the offering owner leaves once it is accepted. */
    leaveAfter: string;
    accept: string;
    decline: string;
  };
  /** Offering ownership to a member (issue 21): the zone's row, its dialog, and what waits. */
  ownership: {
    title: string;
    description: string;
    button: string;
    dialogTitle: (org: string) => string;
    dialogBody: string;
    leaveAfter: string;
    confirm: string;
    /** An offer the viewer made, waiting: to whom, until when. */
    waiting: (name: string, date: string) => string;
    sent: (name: string) => string;
  };
  /** After the viewer answered an ownership offer. */
  offerAccepted: string;
  offerDeclined: string;
  roles: Record<'owner' | 'admin' | 'member', string>;
  leave: {
    title: (org: string) => string;
    body: (org: string) => string;
    confirm: string;
    /** One verb from the zone's button to this dialog's confirm ("Transfer ownership and leave"). */
    handOffTitle: (org: string) => string;
    /** What happens: they become an owner, the viewer's access ends at once, and whether they are told. */
    handOffBody: string;
    successorLabel: string;
    /** The search field above the members (hundreds of them, say). */
    successorSearch: string;
    /** No member matches the search. */
    successorNone: string;
    handOffConfirm: string;
    /** After leaving: shown instead of the zone, and where focus goes. */
    done: (org: string) => string;
  };
  delete: {
    title: (org: string) => string;
    /** What confirming does, with the absolute date (and time zone) the purge would run on if confirmed now. */
    intro: (graceDays: number, date: string) => string;
    removedHeading: string;
    removedMembers: (count: number) => string;
    removedApiKeys: (count: number) => string;
    removedInvitations: (count: number) => string;
    removedCredits: (balance: number) => string;
    removedSubscription: string;
    removedData: string;
    /** The impact preview's disclosure (issue 21): every record the final deletion removes, table by table. */
    previewSummary: (records: number) => string;
    keptHeading: string;
    kept: string;
    exportHeading: string;
    /** Above the warnings, each a sentence with its own checkbox. */
    acknowledgeHeading: string;
    /** A link to the host's billing page beside a billing warning, when the host gives one (`billing-url`). */
    billingLink: string;
    password: string;
    /** Above the choice of step-up methods, when the viewer has more than one. */
    stepUpHeading: string;
    stepUpMethods: { totp: string; email_otp: string; password: string; recent_sign_in: string };
    /** The code field for a TOTP or backup code. */
    totpCode: string;
    /** The code field for an emailed code. */
    emailCode: string;
    sendCode: string;
    resendCode: string;
    /** After a code was emailed: to the masked address the server names. */
    codeSent: (to: string) => string;
    /** For a user without a password: until when their sign-in is recent enough. */
    reauthBy: (time: string) => string;
    confirmLabel: string;
    /** Under the exact name: spaces are shown, and they count. */
    exactNameHint: string;
    confirm: string;
    cooldownStarted: (seconds: number) => string;
    cooldownOver: string;
    preparing: string;
    /** On Delete while something is missing: the list (already joined for the locale) of what is. */
    stillNeeded: (list: string) => string;
    needAcknowledgements: (count: number) => string;
    needPassword: string;
    needCode: string;
    needName: string;
    needCooldown: (seconds: number) => string;
    needIntent: string;
    needUnlock: (time: string) => string;
    /** Under each field, once it was left or Delete was pressed. */
    fieldAcknowledgements: string;
    fieldPassword: string;
    fieldCode: string;
    fieldName: Record<'empty' | 'case' | 'spaces' | 'differs', string>;
    /** The failed-attempt limit: one attempt left (until when), or locked until when. */
    lastAttempt: (time: string) => string;
    locked: (time: string) => string;
    /** The confirmation expired and the widget started a new one, keeping what was typed. */
    renewed: string;
    /** The purge date the owner may choose (issue 21), and the bounds in days from today. */
    purgeDateLabel: string;
    purgeDateHint: (min: number, max: number) => string;
    /** Why (optional): the question, the empty choice, each reason, and a field for their own words. */
    reasonLabel: string;
    reasonNone: string;
    reasons: Record<DeletionReasonCode, string>;
    reasonTextLabel: string;
    /** "Delete now", from the pending banner: the same dialog, for the purge at its next pass. */
    nowTitle: (org: string) => string;
    /** `date` is the purge date that was scheduled. */
    nowIntro: (date: string) => string;
    nowConfirm: string;
  };
}

export interface Catalogue {
  /** The BCP 47 tag the strings are written for; dates and numbers use it too. */
  locale: string;
  /** The script's direction: `rtl` lays the zone out mirrored even on a left-to-right page. */
  dir: 'ltr' | 'rtl';
  zone: ZoneStrings;
  rare: RareStrings;
  dialogs: DialogStrings;
  /** Every reason, warning and error code of the contract, and the widget's own. */
  messages: Record<MessageCode | ClientCode, Message>;
}

/** What a host's loader may resolve to: the catalogue, or a module whose default export it is. */
export type CatalogueSource = Catalogue | (() => Promise<Catalogue | { default: Catalogue }>);
