import type { Catalogue } from './catalogue.js';
import { de } from './de.js';
import { en } from './en.js';

export type { Catalogue } from './catalogue.js';

const catalogues: Record<string, Catalogue> = { en, de };

/** The catalogue for a BCP 47 tag ("de-CH" → German), English when there is none. */
export function catalogueFor(lang: string | undefined | null): Catalogue {
  const primary = (lang ?? '').toLowerCase().split('-')[0] ?? '';
  return catalogues[primary] ?? en;
}
