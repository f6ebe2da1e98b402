/** A page of a list read in id order: its items, and the id to read the next page after (null on the last). */
export interface IdPage<T> {
  readonly facts: readonly T[];
  readonly next: string | null;
}

/**
 * Every page of a paged list, from the first to the one whose `next` is null, checking as it goes
 * that each page but the last is full and that `next` names its last item: a list that skips or
 * repeats fails here. Answers the items in order and how many pages it took.
 */
export const readAllPages = async <T>(
  read: (after: string | undefined) => Promise<IdPage<T>>,
  limit: number,
  idOf: (item: T) => string,
): Promise<{ facts: T[]; pages: number }> => {
  const facts: T[] = [];
  let after: string | undefined;
  for (let pages = 1; ; pages++) {
    const page = await read(after);
    facts.push(...page.facts);
    if (page.next === null) return { facts, pages };
    if (page.facts.length !== limit)
      throw new Error(`page ${pages} holds ${page.facts.length} items, not ${limit}, yet says more follow`);
    const last = page.facts[page.facts.length - 1];
    if (last === undefined || page.next !== idOf(last)) {
      throw new Error(`page ${pages} says the next starts after ${page.next}, not after its last item`);
    }
    after = page.next;
  }
};
