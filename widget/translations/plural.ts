/** The forms of a counted phrase, by CLDR plural category; `#` is where the formatted number goes. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/**
 * A locale's plural picker: `Intl.PluralRules` chooses the form (Arabic has six, Japanese one,
 * French counts 0 as singular) and `Intl.NumberFormat` writes the number in the locale's digits.
 */
export function plural(locale: string): (count: number, forms: PluralForms) => string {
  const rules = new Intl.PluralRules(locale);
  const number = new Intl.NumberFormat(locale);
  return (count, forms) => (forms[rules.select(count)] ?? forms.other).replace('#', number.format(count));
}

/** Whole minutes from a `Retry-After` in seconds, at least 1 (as the BFF's own message counts them). */
export const wholeMinutes = (seconds = 0): number => Math.max(1, Math.ceil(seconds / 60));
