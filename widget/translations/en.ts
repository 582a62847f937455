/**
 * English. The messages for the contract's codes are `shared/messages.ts` itself, the table the
 * BFF answers with, so the widget and the server can never word a refusal differently.
 */
import { messages } from '../../shared/messages.js';
import type { Catalogue } from './catalogue.js';
import { enZone } from './en-zone.js';
import { plural } from './plural.js';

const count = plural('en');
const days = (d: number) => count(d, { one: '# day', other: '# days' });

export const en: Catalogue = {
  locale: 'en',
  dir: 'ltr',
  zone: enZone,
  dialogs: {
    close: 'Cancel',
    working: 'Working…',
    cancelled: 'The deletion was cancelled. The organization is active again.',
    roles: { owner: 'Owner', admin: 'Admin', member: 'Member' },
    leave: {
      title: (org) => `Leave ${org}?`,
      body: (org) => `You will lose access to ${org} immediately. Your account and your other organizations are not affected.`,
      confirm: 'Leave',
      handOffTitle: (org) => `Hand ${org} over and leave`,
      handOffBody: 'Choose who becomes an owner. They are promoted and you leave, in one step.',
      successorLabel: 'New owner',
      successorPlaceholder: 'Choose a member',
      handOffConfirm: 'Promote and leave',
      done: (org) => `You left ${org}.`,
    },
    delete: {
      title: (org) => `Delete ${org}`,
      intro: (d) => `After you confirm, the organization is deleted permanently in ${days(d)}. Until then only owners can sign in, and any owner can cancel.`,
      removedHeading: 'What is deleted',
      removedMembers: (n) => `Access for ${count(n, { one: '# person', other: '# people' })}`,
      removedApiKeys: (n) => `${count(n, { one: '# API key', other: '# API keys' })} (they stop working now)`,
      removedInvitations: (n) => count(n, { one: '# pending invitation', other: '# pending invitations' }),
      removedCredits: (n) => count(n, { one: '# remaining credit', other: '# remaining credits' }),
      removedSubscription: 'The active subscription, without a refund',
      removedData: 'All resources, settings and the audit log',
      keptHeading: 'What is kept',
      kept: "People's user accounts and their other organizations.",
      exportHeading: 'Export first',
      acknowledgeHeading: 'I understand that',
      password: 'Your password',
      stepUpHeading: 'Confirm it is you',
      stepUpMethods: {
        totp: 'Authenticator app or backup code',
        email_otp: 'A code by email',
        password: 'Password',
        recent_sign_in: 'My sign-in a moment ago',
      },
      totpCode: 'Code from your authenticator app, or a backup code',
      emailCode: 'Code from the email',
      sendCode: 'Email me a code',
      resendCode: 'Send a new code',
      codeSent: (to) => `We sent a code to ${to}.`,
      reauthBy: (time) => `You signed in without a password: confirm before ${time}, or sign in again.`,
      confirmLabel: 'Type the name of the organization to confirm',
      confirm: 'Delete organization',
      confirmWithCooldown: (s) => `Delete organization (${s})`,
      cooldownStarted: (s) => `For your safety, deleting is possible in ${count(s, { one: '# second', other: '# seconds' })}.`,
      cooldownOver: 'You can delete the organization now.',
      preparing: 'Preparing…',
      scheduled: (date) => `The organization will be deleted on ${date}.`,
    },
  },
  messages: {
    ...messages,
    network_error: () => enZone.networkFailed,
    http_error: () => 'The server could not complete the request. Try again in a moment.',
  },
};

export default en;
