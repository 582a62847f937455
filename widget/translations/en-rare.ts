/**
 * English for the zone's rare states (a pending deletion, a legal hold, answers that are not the
 * state). It loads beside their view (`rare-view.ts`) when one is shown, and is part of the
 * complete English catalogue (`en.ts`).
 */
import type { RareStrings } from './catalogue.js';

export const enRare: RareStrings = {
  signInRequired: 'Sign in to manage this organization.',
  notFound: 'This organization does not exist, or you are not a member of it.',
  noOrgId: 'No organization is selected.',
  loadFailed: 'The danger zone could not be loaded.',
  heading: 'Deletion scheduled',
  scheduled: (date, relative) => `This organization will be deleted for good on ${date} (${relative}).`,
  requestedBy: (name, date) => `Requested by ${name} on ${date}.`,
  effects: 'Every member was emailed. Members who are not owners were signed out of it and can no longer open it, and its API keys stopped working.',
  kept: "People's user accounts and their other organizations are kept.",
  ownerHint: 'Until then, owners can still sign in, export what they need, and cancel the deletion.',
  cancel: 'Cancel deletion',
  timeLeft: (span) => `${span} left.`,
  imminent: 'The final deletion runs within minutes.',
  deleteNow: 'Delete now',
  lockedHeading: 'Access suspended',
  locked: (date, relative) => `This organization will be deleted on ${date} (${relative}), so it is closed to everyone but its owners.`,
  askOwners: 'To keep it, ask an owner to cancel the deletion:',
  legalHold: {
    notice: 'A legal hold is in place: the organization cannot be deleted until it is lifted.',
    pending: 'A legal hold is in place: the final deletion waits until it is lifted.',
  },
};
