/**
 * The message of anything thrown (or given as an abort reason): an Error's message, else its string form.
 *
 * @example errorMessage(new Error('boom')); // 'boom'
 */
export const errorMessage = (thrown: unknown): string => (thrown instanceof Error ? thrown.message : String(thrown));
