import { linkedPage, pageOf, parseLinkHeader, sameOriginUrl } from '../../provider/client/link-header';
import { ForeignLinkError, UnsafeResponseError } from '../../provider/errors';

describe('parseLinkHeader', () => {
  it("reads GitHub's pagination links", () => {
    const h =
      '<https://api.github.com/user/123/packages/container/a%2Fb/versions?per_page=100&page=2>; rel="next", ' +
      '<https://api.github.com/user/123/packages/container/a%2Fb/versions?per_page=100&page=7>; rel="last"';
    const links = parseLinkHeader(h);
    expect(pageOf(new URL(links.last))).toBe(7);
    expect(pageOf(new URL(links.next))).toBe(2);
    expect(parseLinkHeader(undefined)).toEqual({});
  });
});

describe('sameOriginUrl', () => {
  it('accepts links on the API, including GHES path prefixes', () => {
    expect(sameOriginUrl('https://api.github.com/user/1/packages?page=2', 'https://api.github.com').href).toContain('page=2');
    expect(sameOriginUrl('https://ghe.example/api/v3/orgs/1/packages?page=2', 'https://ghe.example/api/v3').pathname).toBe('/api/v3/orgs/1/packages');
  });
  it('refuses other origins and paths outside the API root', () => {
    expect(() => sameOriginUrl('https://evil.example/user/packages', 'https://api.github.com')).toThrow(ForeignLinkError);
    expect(() => sameOriginUrl('http://api.github.com/user/packages', 'https://api.github.com')).toThrow(ForeignLinkError);
    expect(() => sameOriginUrl('https://ghe.example/other/packages', 'https://ghe.example/api/v3')).toThrow(ForeignLinkError);
  });
});

describe('linkedPage: a Link names a page of this listing, or is refused', () => {
  const own = new URL('https://api.github.com/orgs/acme/packages/container/a%2Fb/versions?state=active&per_page=100&page=1');
  const api = 'https://api.github.com';

  it('accepts the same route by login or by numeric owner id, query in any order', () => {
    expect(linkedPage('https://api.github.com/orgs/acme/packages/container/a%2Fb/versions?per_page=100&page=3&state=active', own, api)).toBe(3);
    expect(linkedPage('https://api.github.com/organizations/100/packages/container/a%2Fb/versions?state=active&per_page=100&page=2', own, api)).toBe(
      2,
    );
    const user = new URL('https://api.github.com/user/packages/npm/x/versions?state=deleted&per_page=100&page=1');
    expect(linkedPage('https://api.github.com/user/583231/packages/npm/x/versions?state=deleted&per_page=100&page=4', user, api)).toBe(4);
  });

  it('refuses another package, another type, other filters, and no page number', () => {
    expect(() => linkedPage('https://api.github.com/orgs/acme/packages/container/other/versions?state=active&page=2', own, api)).toThrow(
      UnsafeResponseError,
    );
    expect(() => linkedPage('https://api.github.com/orgs/acme/packages/npm/a%2Fb/versions?state=active&page=2', own, api)).toThrow(
      UnsafeResponseError,
    );
    expect(() => linkedPage('https://api.github.com/orgs/acme/packages/container/a%2Fb/versions?state=deleted&page=2', own, api)).toThrow(
      /other query parameters/,
    );
    expect(() => linkedPage('https://api.github.com/orgs/acme/packages/container/a%2Fb/versions?state=active&page=x', own, api)).toThrow(
      /no valid page/,
    );
    expect(() => linkedPage('https://evil.example/orgs/acme/packages/container/a%2Fb/versions?state=active&page=2', own, api)).toThrow(
      ForeignLinkError,
    );
  });
});
