import neo4j, { type Driver } from 'neo4j-driver';
import type { Neo4jConfig } from '../config/read-config.js';

/**
 * Creates the process-wide Neo4j driver (a connection pool; close it at shutdown). Auth is off when the password
 * is empty, as on the local stack. Integers come back as JS numbers; managed transactions retry for up to 60 s.
 */
export function createGraphDriver(config: Neo4jConfig): Driver {
  const auth =
    config.password === ''
      ? { scheme: 'none', principal: '', credentials: '' }
      : neo4j.auth.basic(config.username, config.password);
  return neo4j.driver(config.uri, auth, {
    disableLosslessIntegers: true,
    maxTransactionRetryTime: 60_000,
    connectionTimeout: 30_000,
  });
}
