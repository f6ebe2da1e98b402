import { readAllPages, type IdPage } from './pages';

const ids = ['a', 'b', 'c', 'd', 'e'];
/** An honest paged list of `ids`, pages of `limit`. */
const honest =
  (limit: number) =>
  async (after: string | undefined): Promise<IdPage<string>> => {
    const rest = ids.filter((id) => after === undefined || id > after);
    const facts = rest.slice(0, limit);
    return { facts, next: facts.length === limit ? (facts[facts.length - 1] ?? null) : null };
  };

describe('reading every page of a paged list', () => {
  it('reads the pages in order until the last, counting them', async () => {
    await expect(readAllPages(honest(2), 2, (id) => id)).resolves.toEqual({ facts: ids, pages: 3 });
    // A full last page is followed by an empty one.
    await expect(readAllPages(honest(5), 5, (id) => id)).resolves.toEqual({ facts: ids, pages: 2 });
  });

  it('fails on a page short of the limit that says more follow', async () => {
    const short = async (after: string | undefined): Promise<IdPage<string>> =>
      after === undefined ? { facts: ['a'], next: 'a' } : { facts: [], next: null };

    await expect(readAllPages(short, 2, (id) => id)).rejects.toThrow('page 1 holds 1 items, not 2');
  });

  it('fails on a page whose next is not its last item', async () => {
    const skipping = async (after: string | undefined): Promise<IdPage<string>> =>
      after === undefined ? { facts: ['a', 'b'], next: 'c' } : { facts: [], next: null };

    await expect(readAllPages(skipping, 2, (id) => id)).rejects.toThrow('not after its last item');
  });
});
