import { PACKAGE_TYPES } from '../../provider/types';
import { missingScopes, parseScopesHeader, requiredScopes } from '../../provider/client/required-scopes';

const ALL = ['read:packages', 'write:packages', 'delete:packages', 'repo'];

describe('requiredScopes', () => {
  it('asks for repo only for repository-scoped types, never for container', () => {
    expect(requiredScopes('container', 'delete')).toEqual(['read:packages', 'delete:packages']);
    for (const t of ['npm', 'maven', 'rubygems', 'nuget', 'docker'] as const) {
      expect(requiredScopes(t, 'read')).toEqual(['read:packages', 'repo']);
    }
  });

  it('restore needs write:packages, delete needs delete:packages and read:packages', () => {
    expect(requiredScopes('container', 'restore')).toEqual(['read:packages', 'write:packages']);
    expect(requiredScopes('npm', 'delete')).toEqual(['read:packages', 'delete:packages', 'repo']);
  });
});

describe('missingScopes', () => {
  it('nothing is missing for a token with every package scope and repo', () => {
    for (const t of PACKAGE_TYPES) for (const a of ['read', 'delete', 'restore'] as const) expect(missingScopes(ALL, t, a)).toEqual([]);
  });

  it('delete does not imply read', () => {
    expect(missingScopes(['delete:packages'], 'container', 'delete')).toEqual(['read:packages']);
  });

  it('write implies read (restore and delete)', () => {
    expect(missingScopes(['write:packages'], 'container', 'restore')).toEqual([]);
    expect(missingScopes(['write:packages', 'delete:packages'], 'container', 'delete')).toEqual([]);
    expect(missingScopes(['write:packages'], 'container', 'read')).toEqual([]);
  });

  it('repo is required as such for npm but not for container', () => {
    const noRepo = ['read:packages', 'write:packages', 'delete:packages'];
    expect(missingScopes(noRepo, 'npm', 'delete')).toEqual(['repo']);
    expect(missingScopes(noRepo, 'container', 'delete')).toEqual([]);
    // public_repo is not repo
    expect(missingScopes([...noRepo, 'public_repo'], 'maven', 'read')).toEqual(['repo']);
  });

  it('lists exactly the missing scopes in a stable order', () => {
    expect(missingScopes([], 'nuget', 'restore')).toEqual(['read:packages', 'write:packages', 'repo']);
    expect(missingScopes(['read:packages'], 'container', 'delete')).toEqual(['delete:packages']);
  });
});

describe('parseScopesHeader', () => {
  it('absent header means a token without classic scopes', () => {
    expect(parseScopesHeader(undefined)).toBeNull();
    expect(parseScopesHeader(null)).toBeNull();
  });
  it('empty header means a classic token with no scopes', () => {
    expect(parseScopesHeader('')).toEqual([]);
  });
  it('splits and trims', () => {
    expect(parseScopesHeader('repo, read:packages,delete:packages ')).toEqual(['repo', 'read:packages', 'delete:packages']);
  });
});
