import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig, uniqueSuffix } from '../../helpers/services.js';

describe('Neo4j', () => {
  let driver: Driver;
  const label = `Smoke_${uniqueSuffix().replace(/-/g, '_')}`;
  const { uri, username, password, database } = testConfig.neo4j;

  beforeAll(async () => {
    driver = neo4j.driver(uri, password ? neo4j.auth.basic(username, password) : undefined);
    await driver.verifyConnectivity();
  });
  afterAll(async () => {
    await driver.executeQuery(`MATCH (n:${label}) DETACH DELETE n`, {}, { database });
    await driver.executeQuery(`DROP CONSTRAINT ${label}_key IF EXISTS`, {}, { database });
    await driver.close();
  });

  it('round-trips a node and enforces a uniqueness constraint', async () => {
    await driver.executeQuery(
      `CREATE CONSTRAINT ${label}_key IF NOT EXISTS FOR (n:${label}) REQUIRE n.key IS UNIQUE`,
      {},
      { database },
    );
    await driver.executeQuery(`CREATE (:${label} {key: $key, value: $value})`, { key: 'a', value: 42 }, { database });

    const { records } = await driver.executeQuery(
      `MATCH (n:${label} {key: $key}) RETURN n.value AS value`,
      { key: 'a' },
      { database },
    );
    expect(records.map((r) => neo4j.integer.toNumber(r.get('value')))).toEqual([42]);

    await expect(
      driver.executeQuery(`CREATE (:${label} {key: $key})`, { key: 'a' }, { database }),
    ).rejects.toMatchObject({ code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
  });

  it('reports the server as Neo4j 5 Community', async () => {
    const { records } = await driver.executeQuery(
      'CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition',
      {},
      { database: 'system' },
    );
    expect(records[0]?.get('name')).toBe('Neo4j Kernel');
    expect(records[0]?.get('version')).toMatch(/^5\.26\./);
    expect(records[0]?.get('edition')).toBe('community');
  });
});
