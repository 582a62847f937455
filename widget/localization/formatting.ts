/**
 * Dates, refusals and names in sentences, for what shows only after the first render (the dialogs,
 * the rare states' view): not in the first chunk, which has a size budget.
 */
import { html, type TemplateResult } from 'lit';
import type { MessageCode } from '../../shared/codes.js';
import type { ClientCode } from '../translations/catalogue.js';
import type { LocalizationController } from './localization-controller.js';

type I18n = Pick<LocalizationController, 'locale' | 'catalogue'>;

/** A moment as a person needs it to act on: the date, the time and its time zone ("December 10, 2026 at 3:45 PM UTC"). */
export function formatDate(i18n: I18n, iso: string): string {
  return new Date(iso).toLocaleString(i18n.locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/** "in 5 days", "in 3 hours", against the server's clock (`now`), not the browser's. */
export function formatRelative(i18n: I18n, iso: string, now: string): string {
  const hours = (Date.parse(iso) - Date.parse(now)) / 3_600_000;
  const days = Math.abs(hours) >= 24;
  return new Intl.RelativeTimeFormat(i18n.locale, { numeric: 'auto' }).format(Math.round(days ? hours / 24 : hours), days ? 'day' : 'hour');
}

/** A failure's text in this language; a code no catalogue knows keeps the server's message. */
export function failureText(i18n: I18n, failure: { code: string; message: string; detail?: { retryAfter?: number | undefined } | null }): string {
  const messages = i18n.catalogue?.messages;
  return messages && failure.code in messages
    ? messages[failure.code as MessageCode | ClientCode]({ retryAfter: failure.detail?.retryAfter })
    : failure.message;
}

/** A name inside a sentence of the catalogue, isolated (`<bdi>`) so that its own direction cannot reorder the sentence. */
export function named(sentence: (name: string) => string, name: string): TemplateResult {
  const [before, after] = sentence('\u{E000}').split('\u{E000}');
  return html`${before}<bdi>${name}</bdi>${after}`;
}
