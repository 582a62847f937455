/**
 * English strings for the first render. They ship in the element's first chunk, so the zone can
 * render before the rest of the English catalogue (`en.ts`) has loaded.
 */
import type { ZoneStrings } from './catalogue.js';
// The plural helper every catalogue uses rides in the first chunk with this one: a language's
// catalogue then loads as one file, not two in a row.
import { plural } from './plural.js';

const count = plural('en');
const days = (d: number) => count(d, { one: '# day', other: '# days' });

export const enZone: ZoneStrings = {
  title: 'Danger zone',
  loading: 'Loading the danger zone…',
  networkFailed: 'The server could not be reached. Check your connection.',
  retry: 'Try again',
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
};
