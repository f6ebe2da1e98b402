/**
 * What `open` answers for a value whose person was erased (their key is gone): a marker no
 * string can equal, so a read model, export, receipt or e-mail cannot mistake it for a name.
 */
export const ERASED: unique symbol = Symbol.for('elan.personal-data.erased');
export type Erased = typeof ERASED;

export const isErased = (value: string | Erased): value is Erased => value === ERASED;

/** The text to show: the value itself, or `label` where the person was erased. */
export const shownAs = (value: string | Erased, label = 'erased'): string => (value === ERASED ? label : value);
