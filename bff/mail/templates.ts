/**
 * The emails of D5 and C1 and the invitation, as plain text: a hostile org or user name stays inert
 * text in every mail client. Subjects are single lines, so a name carrying CR/LF cannot add a header.
 *
 * A host overrides any of them per event and locale (`emails: { templates: { de: { … } }, localeOf }`
 * on createApp and dangerZone): each recipient's email is rendered in their locale, falling back
 * from `pt-BR` to `pt`, to the default locale, to these English ones. Whatever a template returns,
 * its subject is made one line.
 */
import { isolateName } from '../../shared/names.js';

export interface MailContent {
  subject: string;
  text: string;
}

export interface Contact {
  name: string;
  email: string;
}

/** One line: control characters and line/paragraph separators become spaces, so no line can be forged. */
export function oneLine(value: string): string {
  return value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');
}

/** A name inside a sentence: one line, and isolated when its direction could reorder the sentence. */
const shown = (name: string) => isolateName(oneLine(name));
const person = (c: Contact) => (c.email ? `${shown(c.name)} <${oneLine(c.email)}>` : shown(c.name));
const utc = (d: Date) =>
  d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');

/** Where an owner cancels: the settings page, signed in as themselves (the link itself cancels nothing). */
const cancelLines = (cancelUrl: string | null) => (cancelUrl ? ['', `Owners: to cancel, sign in and open the organization's settings: ${cancelUrl}`] : []);

export function deletionScheduledMail(input: { orgName: string; initiator: Contact; purgeAt: Date; owners: Contact[]; cancelUrl: string | null }): MailContent {
  const org = shown(input.orgName);
  return {
    subject: `"${org}" is scheduled for deletion on ${utc(input.purgeAt)}`,
    text: [
      `${person(input.initiator)} scheduled the organization "${org}" for deletion.`,
      '',
      `Everything in it will be permanently deleted on ${utc(input.purgeAt)}.`,
      'Until then, only owners can sign in to it, and its API keys do not work.',
      '',
      'An owner can cancel the deletion until that time. To keep the organization, contact an owner:',
      ...input.owners.map((o) => `  - ${person(o)}`),
      ...cancelLines(input.cancelUrl),
      '',
      'If you did not expect this, contact an owner now.',
    ].join('\n'),
  };
}

/** To the owners, before the purge (issue 21): how long is left, and where to cancel. */
export function deletionReminderMail(input: { orgName: string; purgeAt: Date; hoursLeft: number; cancelUrl: string | null }): MailContent {
  const org = shown(input.orgName);
  const left = input.hoursLeft >= 48 ? `${Math.round(input.hoursLeft / 24)} days` : `${input.hoursLeft} hours`;
  return {
    subject: `"${org}" will be deleted in ${left}`,
    text: [
      `The organization "${org}" will be permanently deleted on ${utc(input.purgeAt)}, in about ${left}.`,
      'After that, nothing in it can be recovered.',
      ...cancelLines(input.cancelUrl),
      '',
      'If this is what you want, there is nothing to do.',
    ].join('\n'),
  };
}

/** To the owners: one of them asked for the deletion now (issue 21). */
export function deletionExpeditedMail(input: { orgName: string; actor: Contact }): MailContent {
  const org = shown(input.orgName);
  return {
    subject: `"${org}" is being deleted now`,
    text: [
      `${person(input.actor)} asked for the organization "${org}" to be deleted now, without waiting for the end of the grace window.`,
      'It will be permanently deleted within minutes. This can no longer be undone once it starts.',
      '',
      'If you did not expect this, contact them now.',
    ].join('\n'),
  };
}

export function deletionCancelledMail(input: { orgName: string; actor: Contact }): MailContent {
  const org = shown(input.orgName);
  return {
    subject: `The deletion of "${org}" was cancelled`,
    text: [
      `${person(input.actor)} cancelled the scheduled deletion of the organization "${org}".`,
      '',
      'The organization is active again: everyone can sign in and its API keys work as before.',
    ].join('\n'),
  };
}

export function invitationMail(input: { orgName: string; inviter: Contact; role: string; acceptUrl: string; expiresAt: Date }): MailContent {
  const org = shown(input.orgName);
  return {
    subject: `${oneLine(input.inviter.name)} invited you to "${org}"`,
    text: [
      `${person(input.inviter)} invited you to join the organization "${org}" as ${oneLine(input.role)}.`,
      '',
      `Accept the invitation: ${input.acceptUrl}`,
      '',
      `The invitation expires on ${utc(input.expiresAt)}. If you did not expect it, ignore this email.`,
    ].join('\n'),
  };
}

/**
 * The standalone server's one-time code (better-auth's email-OTP plugin sends it through us): what
 * a person needs to recognise it, and what to do if they did not ask.
 */
export function oneTimeCodeMail(input: { code: string; minutes: number }): MailContent {
  return {
    subject: `Your confirmation code: ${oneLine(input.code)}`,
    text: [
      `Your confirmation code is ${oneLine(input.code)}. It is valid for ${input.minutes} minutes.`,
      '',
      'You asked for it to confirm it is you, for example before deleting an organization.',
      'If you did not, someone may be signed in as you: change your password and sign out of every session.',
    ].join('\n'),
  };
}

/** To the member an owner offers ownership to: who, until when, and where to answer (signed in, never a link that answers by itself). */
export function ownershipOfferedMail(input: { orgName: string; from: Contact; leaveAfter: boolean; expiresAt: Date }): MailContent {
  const org = oneLine(input.orgName);
  return {
    subject: `${oneLine(input.from.name)} offers you ownership of "${org}"`,
    text: [
      `${person(input.from)} offers to make you an owner of the organization "${org}".`,
      input.leaveAfter ? 'If you accept, they leave the organization at the same moment, and you run it.' : 'If you accept, you become an owner beside them.',
      '',
      `To accept or decline, sign in and open the organization's settings: the offer waits there until ${utc(input.expiresAt)}.`,
      'If you do nothing, it expires and nothing changes.',
    ].join('\n'),
  };
}

/** To the owner who made the offer: the answer. */
export function ownershipAnsweredMail(input: { orgName: string; by: Contact; accepted: boolean; leftAfter: boolean }): MailContent {
  const org = oneLine(input.orgName);
  const verb = input.accepted ? 'accepted' : 'declined';
  return {
    subject: `${oneLine(input.by.name)} ${verb} your offer of ownership of "${org}"`,
    text: [
      `${person(input.by)} ${verb} your offer to make them an owner of the organization "${org}".`,
      input.accepted
        ? input.leftAfter
          ? 'They are an owner now, and you have left the organization, as you asked.'
          : 'They are an owner now.'
        : 'Nothing has changed. You may offer ownership to someone else.',
    ].join('\n'),
  };
}

/** What each template is given: the facts of the event, the recipient and their locale. */
export interface MailInputs {
  deletion_scheduled: { orgName: string; initiator: Contact; purgeAt: Date; owners: Contact[]; cancelUrl: string | null };
  deletion_reminder: { orgName: string; purgeAt: Date; hoursLeft: number; cancelUrl: string | null };
  deletion_expedited: { orgName: string; actor: Contact };
  deletion_cancelled: { orgName: string; actor: Contact };
  invitation: { orgName: string; inviter: Contact; role: string; acceptUrl: string; expiresAt: Date };
  ownership_offered: { orgName: string; from: Contact; leaveAfter: boolean; expiresAt: Date };
  ownership_answered: { orgName: string; by: Contact; accepted: boolean; leftAfter: boolean };
}
export type MailEvent = keyof MailInputs;
export type MailTemplate<E extends MailEvent> = (input: MailInputs[E] & { recipient: Contact; locale: string }) => MailContent;
export type MailTemplates = { [E in MailEvent]: MailTemplate<E> };

export interface EmailOptions {
  /** Templates per locale (`de`, `pt-BR`); an event a locale leaves out falls back (see above). */
  templates?: Record<string, Partial<MailTemplates>>;
  /** The recipient's locale (BCP 47), e.g. from your user profiles; undefined: the default locale. */
  localeOf?: (recipient: Contact) => string | undefined;
  /** Default `en`. */
  defaultLocale?: string;
  /**
   * The page of an org's settings, where the element is (`{orgId}` and `{slug}` are replaced): the
   * deletion emails link owners to its cancel step, `#odz-cancel-deletion` (added unless the URL has
   * a fragment of its own). Without it the emails say where to go in words.
   */
  settingsUrl?: string;
}

const english: MailTemplates = {
  deletion_scheduled: deletionScheduledMail,
  deletion_reminder: deletionReminderMail,
  deletion_expedited: deletionExpeditedMail,
  deletion_cancelled: deletionCancelledMail,
  invitation: invitationMail,
  ownership_offered: ownershipOfferedMail,
  ownership_answered: ownershipAnsweredMail,
};

/** Renders each event's email for each recipient, in their locale. One per app (and plugin). */
export class MailRenderer {
  readonly #options: EmailOptions;

  constructor(options: EmailOptions = {}) {
    this.#options = options;
  }

  /** The link to an org's cancel step, or null without `settingsUrl`. */
  settingsLink(org: { id: string; slug: string | null }): string | null {
    const template = this.#options.settingsUrl;
    if (!template) return null;
    const url = template.replaceAll('{orgId}', encodeURIComponent(org.id)).replaceAll('{slug}', encodeURIComponent(org.slug ?? ''));
    return url.includes('#') ? url : `${url}#odz-cancel-deletion`;
  }

  render<E extends MailEvent>(event: E, recipient: Contact, input: MailInputs[E]): MailContent {
    const locale = this.#options.localeOf?.(recipient) ?? this.#options.defaultLocale ?? 'en';
    const template = this.#template(event, locale);
    const content = template({ ...input, recipient, locale });
    return { subject: oneLine(content.subject), text: content.text };
  }

  #template<E extends MailEvent>(event: E, locale: string): MailTemplate<E> {
    const templates = this.#options.templates ?? {};
    const parts = locale.split('-');
    const candidates = [...parts.map((_, i) => parts.slice(0, parts.length - i).join('-')), this.#options.defaultLocale ?? 'en'];
    for (const candidate of candidates) {
      const found = templates[candidate]?.[event];
      if (found) return found as MailTemplate<E>;
    }
    return english[event] as MailTemplate<E>;
  }
}
