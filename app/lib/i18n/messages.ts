/**
 * The shape of a dictionary entry. A plain string, or one form per plural category (`Intl.PluralRules`) chosen by the
 * `count` parameter; `other` is required because every language has it and it is the fallback of the others.
 * Placeholders are written `{name}` and filled from the parameters of `t()`.
 */
export type PluralMessage = { readonly other: string } & Partial<Record<Exclude<Intl.LDMLPluralRule, 'other'>, string>>;

export type Message = string | PluralMessage;

/** Parameters of one message: numbers are formatted for the locale, strings inserted as they are. */
export type MessageParams = Readonly<Record<string, string | number>>;
