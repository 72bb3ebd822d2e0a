import { pageOf, parseLinkHeader, sameOriginUrl } from '../../provider/client/link-header';
import { ForeignLinkError } from '../../provider/errors';

describe('parseLinkHeader', () => {
  it("reads GitHub's pagination links", () => {
    const h =
      '<https://api.github.com/user/123/packages/container/a%2Fb/versions?per_page=100&page=2>; rel="next", ' +
      '<https://api.github.com/user/123/packages/container/a%2Fb/versions?per_page=100&page=7>; rel="last"';
    const links = parseLinkHeader(h);
    expect(pageOf(new URL(links.last!))).toBe(7);
    expect(pageOf(new URL(links.next!))).toBe(2);
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
