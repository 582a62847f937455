/**
 * English. The messages for the contract's codes are `shared/messages.ts` itself, the table the
 * BFF answers with, so the widget and the server can never word a refusal differently.
 */
import { messages } from '../../shared/messages.js';
import type { Catalogue } from './catalogue.js';
import { enRare } from './en-rare.js';
import { enZone } from './en-zone.js';
import { plural } from './plural.js';

const count = plural('en');
const days = (d: number) => count(d, { one: '# day', other: '# days' });

export const en: Catalogue = {
  locale: 'en',
  dir: 'ltr',
  zone: enZone,
  rare: enRare,
  dialogs: {
    close: 'Cancel',
    working: 'Working…',
    retry: 'Try again',
    cancelled: 'The deletion was cancelled. The organization is active again, and every member was emailed.',
    offer: {
      heading: 'Ownership offered to you',
      body: (name, date) => `${name} offers to make you an owner of this organization. The offer waits until ${date}.`,
      leaveAfter: 'They leave the organization once you accept.',
      accept: 'Accept',
      decline: 'Decline',
    },
    ownership: {
      title: 'Ownership',
      description: 'Offer ownership to a member: they become an owner only when they accept.',
      button: 'Offer ownership…',
      dialogTitle: (org) => `Offer ownership of ${org}`,
      dialogBody: 'The member you choose is emailed and sees the offer in their settings. Nothing changes until they accept; the offer expires after 7 days.',
      leaveAfter: 'Leave the organization once they accept',
      confirm: 'Send the offer',
      waiting: (name, date) => `Offered to ${name}: waiting for their answer until ${date}.`,
      sent: (name) => `Offer sent to ${name}. They become an owner when they accept.`,
    },
    offerAccepted: 'You are now an owner of this organization.',
    offerDeclined: 'You declined the offer. Nothing has changed.',
    roles: { owner: 'Owner', admin: 'Admin', member: 'Member' },
    leave: {
      title: (org) => `Leave ${org}?`,
      body: (org) => `You will lose access to ${org} immediately. Your account and your other organizations are not affected.`,
      confirm: 'Leave',
      handOffTitle: (org) => `Transfer ownership of ${org} and leave`,
      handOffBody: 'The member you choose becomes an owner and you leave, in one step: your access ends at once. They are not notified, so tell them yourself.',
      successorLabel: 'New owner',
      successorSearch: 'Search members',
      successorNone: 'No member matches.',
      handOffConfirm: 'Transfer ownership and leave',
      done: (org) => `You left ${org}.`,
    },
    delete: {
      title: (org) => `Delete ${org}`,
      intro: (d, date) =>
        `If you confirm now, the organization is deleted for good on ${date}, in ${days(d)}. Every member is emailed; members who are not owners lose access at once, and its API keys stop working. Any owner can cancel until then.`,
      removedHeading: 'What is deleted',
      removedMembers: (n) => `Access for ${count(n, { one: '# person', other: '# people' })}`,
      removedApiKeys: (n) => `${count(n, { one: '# API key', other: '# API keys' })} (they stop working now)`,
      removedInvitations: (n) => count(n, { one: '# pending invitation', other: '# pending invitations' }),
      removedCredits: (n) => count(n, { one: '# remaining credit', other: '# remaining credits' }),
      removedSubscription: 'The active subscription, without a refund',
      removedData: 'All resources, settings and the audit log',
      previewSummary: (n) => `Every record the final deletion removes: ${n.toLocaleString('en')}`,
      keptHeading: 'What is kept',
      kept: "People's user accounts and their other organizations.",
      exportHeading: 'Export first',
      acknowledgeHeading: 'Confirm that you understand',
      billingLink: 'Open billing',
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
      exactNameHint: 'Exactly as shown: case, punctuation and spaces (marked ·) count.',
      confirm: 'Delete organization',
      cooldownStarted: (s) => `For your safety, deleting is possible in ${count(s, { one: '# second', other: '# seconds' })}.`,
      cooldownOver: 'You can delete the organization now.',
      preparing: 'Preparing…',
      stillNeeded: (list) => `To delete, still: ${list}.`,
      needAcknowledgements: (n) => count(n, { one: 'tick # box', other: 'tick # boxes' }),
      needPassword: 'enter your password',
      needCode: 'enter the code',
      needName: 'type the name exactly as shown',
      needCooldown: (s) => count(s, { one: 'wait # second', other: 'wait # seconds' }),
      needIntent: 'wait until the confirmation is ready',
      needUnlock: (time) => `wait until ${time}`,
      fieldAcknowledgements: 'Tick each box to confirm you understand.',
      fieldPassword: 'Enter your password.',
      fieldCode: 'Enter the code.',
      fieldName: {
        empty: "Type the organization's name.",
        case: 'Check upper and lower case: they must match exactly.',
        spaces: 'Check the spaces, including at the start and the end.',
        differs: 'This does not match the name yet.',
      },
      lastAttempt: (time) => `One attempt left: after another mistake, deleting is locked until ${time}.`,
      locked: (time) => `Too many attempts. You can try again at ${time}.`,
      renewed: 'This confirmation had expired, so a new one has started. What you typed is kept.',
      purgeDateLabel: 'Delete on',
      purgeDateHint: (min, max) => `Any day from ${min} to ${max} days from today. Until then, any owner can cancel.`,
      reasonLabel: 'Why are you deleting it? (optional)',
      reasonNone: 'Choose a reason',
      reasons: {
        no_longer_needed: 'We no longer need it',
        duplicate: 'It is a duplicate',
        moving_elsewhere: 'We are moving to another organization or service',
        too_expensive: 'It costs too much',
        privacy: 'Privacy or data concerns',
        other: 'Another reason',
      },
      reasonTextLabel: 'Anything you want to add (optional)',
      nowTitle: (org) => `Delete ${org} now`,
      nowIntro: (date) => `The organization is deleted for good within minutes, instead of on ${date}. After that, nothing can be recovered or cancelled.`,
      nowConfirm: 'Delete now',
    },
  },
  messages: {
    ...messages,
    network_error: () => enZone.networkFailed,
    http_error: () => 'The server could not complete the request. Try again in a moment.',
  },
};

export default en;
