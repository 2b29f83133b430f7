import { describe, expect, it } from 'vitest';
import { browserLink, noAuthBoltUri } from '../../../src/queries/browser-snippet.js';

describe('browserLink', () => {
  it('opens the snippet in the editor, with parentheses and quotes encoded', () => {
    const link = browserLink('http://127.0.0.1:7474/browser/', "MATCH (n {name: 'x'}) RETURN n");
    expect(link).toBe(
      'http://127.0.0.1:7474/browser/?cmd=edit&arg=MATCH%20%28n%20%7Bname%3A%20%27x%27%7D%29%20RETURN%20n',
    );
  });

  it('connects without a login only when the server runs with auth off', () => {
    const open = noAuthBoltUri({ uri: 'bolt://127.0.0.1:7687', password: '' });
    expect(browserLink('http://h/browser', 'RETURN 1', open)).toBe(
      'http://h/browser/?preselectAuthMethod=NO_AUTH&dbms=bolt%3A%2F%2F127.0.0.1%3A7687&cmd=edit&arg=RETURN%201',
    );
    expect(noAuthBoltUri({ uri: 'bolt://127.0.0.1:7687', password: 'secret' })).toBeUndefined();
  });
});
