/**
 * The emails of D5 and C1, as plain text: a hostile org or user name stays inert text in every
 * mail client. Subjects are single lines, so a name carrying CR/LF cannot add a header.
 */
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

const person = (c: Contact) => (c.email ? `${oneLine(c.name)} <${oneLine(c.email)}>` : oneLine(c.name));
const utc = (d: Date) =>
  d
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');

export function deletionScheduledMail(input: { orgName: string; initiator: Contact; purgeAt: Date; owners: Contact[] }): MailContent {
  const org = oneLine(input.orgName);
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
      '',
      'If you did not expect this, contact an owner now.',
    ].join('\n'),
  };
}

export function deletionCancelledMail(input: { orgName: string; actor: Contact }): MailContent {
  const org = oneLine(input.orgName);
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
  const org = oneLine(input.orgName);
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
