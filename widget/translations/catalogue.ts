/**
 * The widget's strings, typed: every locale must provide every entry, so a missing German string
 * is a compile error, not a blank button. Entries that take numbers or names are functions.
 */
export type Params = Record<string, number | undefined>;

export interface Catalogue {
  locale: string;
  title: string;
  loading: string;
  loadFailed: string;
  networkFailed: string;
  retry: string;
  signInRequired: string;
  notFound: string;
  noOrgId: string;
  close: string;
  working: string;
  roles: Record<'owner' | 'admin' | 'member', string>;
  leave: {
    title: string;
    description: string;
    button: string;
    dialogTitle: (org: string) => string;
    dialogBody: (org: string) => string;
    confirm: string;
    handOffButton: string;
    handOffTitle: (org: string) => string;
    handOffBody: string;
    successorLabel: string;
    successorPlaceholder: string;
    handOffConfirm: string;
    done: (org: string) => string;
  };
  delete: {
    title: string;
    description: (graceDays: number) => string;
    button: string;
    dialogTitle: (org: string) => string;
    dialogIntro: (graceDays: number) => string;
    removedHeading: string;
    removedMembers: (n: number) => string;
    removedApiKeys: (n: number) => string;
    removedInvitations: (n: number) => string;
    removedCredits: (n: string) => string;
    removedSubscription: string;
    removedData: string;
    keptHeading: string;
    kept: string;
    exportHeading: string;
    exportAuditLog: string;
    exportMembers: string;
    acknowledgeHeading: string;
    password: string;
    confirmLabel: string;
    confirm: string;
    confirmWithCooldown: (seconds: number) => string;
    cooldownStarted: (seconds: number) => string;
    cooldownOver: string;
    preparing: string;
    scheduled: (date: string) => string;
  };
  pending: {
    heading: string;
    scheduled: (date: string, relative: string) => string;
    requestedBy: (name: string) => string;
    ownerHint: string;
    cancel: string;
    cancelled: string;
    lockedHeading: string;
    locked: (date: string, relative: string) => string;
    askOwners: string;
  };
  exportRow: { title: string; description: string };
  /** Reasons and warnings the server sends, by code; an unknown code shows the server's message. */
  notices: Partial<Record<string, (p: Params) => string>>;
  /** Errors the server answers, by code; an unknown code shows the server's message. */
  errors: Partial<Record<string, (p: Params) => string>>;
}
