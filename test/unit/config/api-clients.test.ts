import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../../src/config/read-config.js';

describe('readConfig: API clients, scopes and source policy', () => {
  it('reads API_TOKENS as clients with scopes, and API_TOKEN as the client default with every scope', () => {
    const { server } = readConfig({ API_TOKEN: 'all-of-it', API_TOKENS: 'ci:t-ci:index ; ui:t-ui:read,index' });
    expect(server.apiClients).toEqual([
      { name: 'default', token: 'all-of-it', scopes: ['index', 'read'] },
      { name: 'ci', token: 't-ci', scopes: ['index'] },
      { name: 'ui', token: 't-ui', scopes: ['read', 'index'] },
    ]);
  });

  it('defaults to no clients, no local sources and github.com only', () => {
    expect(readConfig({}).server).toMatchObject({
      apiClients: [],
      apiAllowLocalSources: false,
      apiSourceHosts: ['github.com'],
    });
    expect(
      readConfig({ API_ALLOW_LOCAL_SOURCES: 'true', API_SOURCE_HOSTS: 'GitHub.com, git.example.org' }).server,
    ).toMatchObject({ apiAllowLocalSources: true, apiSourceHosts: ['github.com', 'git.example.org'] });
  });

  it.each([
    ['ci:token', 'no scope'],
    ['ci:token:admin', 'an unknown scope'],
    [':token:read', 'no name'],
    ['ci:t1:read;ci:t2:read', 'a name twice'],
    ['a:same:read;b:same:read', 'a token twice'],
  ])('refuses API_TOKENS=%j (%s) with the fix', (value) => {
    expect(() => readConfig({ API_TOKENS: value })).toThrow(ConfigError);
    expect(() => readConfig({ API_TOKENS: value })).toThrow(/To fix this problem/);
  });

  it('refuses an API_ALLOW_LOCAL_SOURCES that is not a boolean', () => {
    expect(() => readConfig({ API_ALLOW_LOCAL_SOURCES: 'yes please' })).toThrow(ConfigError);
  });
});
