import { CATALOG_PAGE_SIZE, catalogSearch, parseCatalogQuery } from './catalog-query';

const parse = (search: string) => parseCatalogQuery(new URLSearchParams(search));

describe('the catalog form, read from the URL', () => {
  it('takes the values the API takes', () => {
    expect(parse('q=four+à+pain&departement=2A&category=food&status=live&sort=ending_soon')).toEqual({
      query: {
        q: 'four à pain',
        departement: '2A',
        category: 'food',
        status: 'live',
        sort: 'ending_soon',
        limit: CATALOG_PAGE_SIZE,
      },
      invalid: [],
    });
  });

  it('reads empty fields as "any"', () => {
    expect(parse('q=&departement=&category=&status=&sort=')).toEqual({ query: { limit: CATALOG_PAGE_SIZE }, invalid: [] });
  });

  it('leaves out and names what it does not understand', () => {
    expect(parse('departement=20&category=weapons&status=draft&sort=random&page=2')).toEqual({
      query: { limit: CATALOG_PAGE_SIZE },
      invalid: ['departement', 'category', 'status', 'sort', 'page'],
    });
    expect(parse(`q=${'x'.repeat(201)}`).invalid).toEqual(['q']);
  });

  it('links the next page of the same search, and back to its first', () => {
    const { query } = parse('q=pain&status=live');
    expect(catalogSearch(query, 'abc')).toBe('?q=pain&status=live&cursor=abc');
    expect(catalogSearch({ ...query, cursor: 'abc' })).toBe('?q=pain&status=live');
    expect(catalogSearch({})).toBe('');
  });
});
