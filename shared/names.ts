/**
 * What a name may be (SPEC 8 "Names"): user names, org names and slugs are limited in length and
 * free of the characters that make text lie about itself: controls (a CR/LF would forge a line),
 * bidi overrides and isolates (U+202E turns "evil" into "live" on screen), and invisible ones
 * (zero-width space, word joiner, BOM, Hangul fillers). Zero-width joiners stay: emoji and several
 * scripts need them. Lengths count code points.
 *
 * Checked at every door: the better-auth plugin refuses a body that breaks these (sign-up,
 * update-user, organization create and update, the admin's create and update). Wherever a name is
 * shown it is isolated as well (`isolateName`), for names that came in another way.
 */

export const NAME_MAX_LENGTH = 100;
export const SLUG_MAX_LENGTH = 64;
export const EMAIL_MAX_LENGTH = 254;
/** Any other string a request carries (an image URL, a callback URL, a role…). */
export const FIELD_MAX_LENGTH = 2048;

const forbidden = /[\p{Cc}\u00AD\u061C\u115F\u1160\u180E\u200B\u200E\u200F\u2028-\u202E\u2060-\u2064\u2066-\u2069\u3164\uFEFF\uFFA0\uFFF9-\uFFFB]/u;

/** Why `value` is not a valid name (of at most `max` code points), or null. */
export function nameProblem(value: string, max: number = NAME_MAX_LENGTH): string | null {
  if (value.trim() === '') return 'must not be empty';
  if ([...value].length > max) return `must be at most ${max} characters`;
  const bad = forbidden.exec(value);
  if (bad) return `must not contain control, bidirectional or invisible characters (U+${bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
  return null;
}

/** Text that a name's own direction could reorder: right-to-left letters or explicit bidi controls. */
const bidiSensitive = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\u200E\u200F\u202A-\u202E\u2066-\u2069\u061C]|[\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/**
 * A name to put inside a sentence of plain text (an email subject or body): isolated between U+2068
 * (first strong isolate) and U+2069 (pop directional isolate) when its direction could reorder the
 * sentence around it, as it is; the HTML widget uses `<bdi>`.
 */
export function isolateName(name: string): string {
  return bidiSensitive.test(name) ? `\u2068${name}\u2069` : name;
}
