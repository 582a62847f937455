/**
 * English strings for the first render. They ship in the element's first chunk, so the zone can
 * render before the rest of the English catalogue (`en.ts`) has loaded.
 */
import type { ZoneStrings } from './catalogue.js';
import { plural } from './plural.js';

const count = plural('en');
const days = (d: number) => count(d, { one: '# day', other: '# days' });

export const enZone: ZoneStrings = {
  title: 'Danger zone',
  loading: 'Loading the danger zone…',
  loadFailed: 'The danger zone could not be loaded.',
  networkFailed: 'The server could not be reached. Check your connection.',
  retry: 'Try again',
  signInRequired: 'Sign in to manage this organization.',
  notFound: 'This organization does not exist, or you are not a member of it.',
  noOrgId: 'No organization is selected.',
  leave: {
    title: 'Leave organization',
    description: 'You lose access at once. You can only come back through a new invitation.',
    button: 'Leave organization',
    handOffButton: 'Transfer ownership and leave…',
  },
  delete: {
    title: 'Delete organization',
    description: (d) => `Schedules the organization for permanent deletion in ${days(d)}. Owners can cancel until then.`,
    button: 'Delete organization…',
  },
  exports: {
    title: 'Export data',
    description: 'Download the audit log and the members list as CSV.',
    auditLog: 'Audit log (CSV)',
    members: 'Members (CSV)',
  },
  pending: {
    heading: 'Deletion scheduled',
    scheduled: (date, relative) => `This organization will be permanently deleted on ${date} (${relative}).`,
    requestedBy: (name) => `Requested by ${name}.`,
    ownerHint: 'Until then only owners can sign in. Export what you need, or cancel the deletion.',
    cancel: 'Cancel deletion',
    lockedHeading: 'Access suspended',
    locked: (date, relative) => `This organization is scheduled for deletion on ${date} (${relative}), so access is suspended.`,
    askOwners: 'To keep it, ask an owner to cancel the deletion:',
  },
  legalHold: {
    notice: 'A legal hold is in place: the organization cannot be deleted until it is lifted.',
    pending: 'A legal hold is in place: the final deletion waits until it is lifted.',
  },
};
