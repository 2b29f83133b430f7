import { describe, expect, it } from 'vitest';
import { hostAndPort } from '../../../src/config/host-and-port.js';
import { readConfig } from '../../../src/config/read-config.js';

describe('hostAndPort', () => {
  it.each([
    ['127.0.0.1:7233', 7233, '127.0.0.1', 7233],
    ['temporal.example.com:443', 7233, 'temporal.example.com', 443],
    ['localhost', 7233, 'localhost', 7233],
    ['bolt://127.0.0.1:17687', 7687, '127.0.0.1', 17687],
    ['neo4j+s://db.example.com', 7687, 'db.example.com', 7687],
    ['postgres://postgres@127.0.0.1:55432/repograph', 5432, '127.0.0.1', 55432],
    ['postgres://u:p%40ss@db.internal/repograph?sslmode=require', 5432, 'db.internal', 5432],
    ['[::1]:7233', 7233, '::1', 7233],
    ['bolt://[::1]:7687', 7687, '::1', 7687],
  ])('%s → host and port', (address, fallback, host, port) => {
    expect(hostAndPort(address, fallback)).toEqual({ host, port });
  });
});

describe('readConfig: the links people follow', () => {
  it('point at the default local UIs', () => {
    const config = readConfig({});
    expect(config.temporal.uiUrl).toBe('http://127.0.0.1:8233');
    expect(config.neo4j.browserUrl).toBe('http://127.0.0.1:7474/browser/');
  });

  it('follow the ports scripts/stack moves the UIs to', () => {
    expect(readConfig({ TEMPORAL_ADDRESS: '127.0.0.1:17233' }).temporal.uiUrl).toBe('http://127.0.0.1:18233');
    expect(readConfig({ TEMPORAL_UI_PORT: '9000' }).temporal.uiUrl).toBe('http://127.0.0.1:9000');
    expect(readConfig({ NEO4J_HTTP_PORT: '17474' }).neo4j.browserUrl).toBe('http://127.0.0.1:17474/browser/');
  });

  it('take TEMPORAL_UI_URL and NEO4J_BROWSER_URL as they are', () => {
    const config = readConfig({
      TEMPORAL_UI_URL: 'https://temporal.example.com',
      TEMPORAL_UI_PORT: '9000',
      NEO4J_BROWSER_URL: 'https://browser.example.com/',
      NEO4J_HTTP_PORT: '17474',
    });
    expect(config.temporal.uiUrl).toBe('https://temporal.example.com');
    expect(config.neo4j.browserUrl).toBe('https://browser.example.com/');
  });
});
