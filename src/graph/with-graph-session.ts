import type { Driver, Session } from 'neo4j-driver';

/** Runs `fn` with a fresh session on `database` and always closes it. */
export async function withGraphSession<T>(
  driver: Driver,
  database: string,
  fn: (session: Session) => Promise<T>,
): Promise<T> {
  const session = driver.session({ database });
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
