import type { Driver } from 'neo4j-driver';
import { readConfig, type Config } from '../../config/read-config.js';
import { createDatabase } from '../../db/database.js';
import { createGraphDriver } from '../../graph/create-graph-driver.js';
import { browserLink, browserSnippet, noAuthBoltUri } from '../../queries/browser-snippet.js';
import { allParams } from '../../queries/named-query.js';
import { findNamedQuery, NAMED_QUERIES } from '../../queries/named-queries.js';
import { renderJsonLines, renderTable } from '../../queries/render-query-rows.js';
import { renderQueriesMarkdown } from '../../queries/render-queries-markdown.js';
import { QueryParamError, flagOf, resolveQueryParams } from '../../queries/resolve-query-params.js';
import {
  RepoResolutionError,
  listGraphRepoIds,
  resolveBranch,
  resolveRepo,
  type NamedRepo,
} from '../../queries/resolve-repo.js';
import { runNamedQuery } from '../../queries/run-named-query.js';
import { defineCommand, EXIT, reportError, type CommandArgs, type CommandOptions } from '../command.js';

interface QueryArgs {
  name: string | null;
  list: boolean;
  docs: boolean;
  json: boolean;
  browser: boolean;
  params: Record<string, string>;
}

const SWITCHES = ['list', 'docs', 'json', 'browser'] as const;

/** The switches, and a flag taking a value for every parameter of any named query; each query checks its own. */
const OPTIONS: CommandOptions = {
  ...Object.fromEntries(NAMED_QUERIES.flatMap(allParams).map((param) => [flagOf(param).slice(2), { type: 'string' }])),
  ...Object.fromEntries(SWITCHES.map((name) => [name, { type: 'boolean' }])),
};

function queryArgs({ values, positionals }: CommandArgs): QueryArgs {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (typeof value === 'string') params[key === 'repo' ? 'repo_id' : key] = value;
  }
  return {
    name: positionals[0] ?? null,
    list: values.list === true,
    docs: values.docs === true,
    json: values.json === true,
    browser: values.browser === true,
    params,
  };
}

function listing(): string {
  const width = Math.max(...NAMED_QUERIES.map((q) => q.name.length));
  const lines = NAMED_QUERIES.map((q) => {
    const required = q.params.filter((p) => p.default === undefined).map((p) => `${flagOf(p)} <${p.name}>`);
    return `  ${q.name.padEnd(width)}  ${q.summary}${required.length > 0 ? `  [${required.join(' ')}]` : ''}`;
  });
  return `Named queries (every one also takes --repo <repo_id or name> and --branch <b>):\n${lines.join('\n')}\n`;
}

function postgresLookup(config: Config): (text: string) => Promise<NamedRepo[]> {
  return async (text) => {
    const db = createDatabase(config.postgres.url, 1);
    try {
      const rows = await db
        .selectFrom('repositories')
        .select(['id', 'github_repo_name'])
        .where('github_repo_name', 'ilike', `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
        .limit(20)
        .execute();
      return rows.map((r) => ({ repoId: r.id, name: r.github_repo_name }));
    } catch {
      // Name lookup is a convenience: without Postgres, --repo still accepts repo_ids.
      return [];
    } finally {
      await db.destroy();
    }
  };
}

function postgresDefaultBranch(config: Config, repoId: string): () => Promise<string | null> {
  return async () => {
    const db = createDatabase(config.postgres.url, 1);
    try {
      const row = await db
        .selectFrom('repositories')
        .select('default_branch')
        .where('id', '=', repoId)
        .executeTakeFirst();
      return row?.default_branch ?? null;
    } catch {
      // Without Postgres a repository with one indexed branch still resolves; others need --branch.
      return null;
    } finally {
      await db.destroy();
    }
  };
}

async function runQuery(args: QueryArgs, config: Config, driver: Driver): Promise<number> {
  const query = findNamedQuery(args.name ?? '');
  if (query == null) {
    return reportError(`unknown query "${args.name}"`, "run 'repograph query --list' to see the names", EXIT.usage);
  }
  if (args.params.repo_id == null) {
    const known = await listGraphRepoIds(driver, config.neo4j.database);
    const hint =
      known.length > 0 ? `; graphs exist for: ${known.join(', ')}` : '; the graph database holds no repository yet';
    throw new QueryParamError(`query "${query.name}" needs --repo <repo_id or name>${hint}`);
  }
  resolveQueryParams(query, args.params);
  const repoId = await resolveRepo({
    value: args.params.repo_id ?? '',
    driver,
    database: config.neo4j.database,
    findByName: postgresLookup(config),
  });
  const branch = await resolveBranch({
    repoId,
    value: args.params.branch ?? null,
    driver,
    database: config.neo4j.database,
    defaultBranch: postgresDefaultBranch(config, repoId),
  });
  const values = resolveQueryParams(query, { ...args.params, repo_id: repoId, branch });
  if (args.browser) {
    process.stdout.write(
      `${browserLink(config.neo4j.browserUrl, browserSnippet(query, values), noAuthBoltUri(config.neo4j))}\n`,
    );
    return EXIT.ok;
  }
  const rows = await runNamedQuery(driver, config.neo4j.database, query, values);
  process.stdout.write(args.json ? renderJsonLines(rows) : renderTable(rows));
  return EXIT.ok;
}

/** `repograph query <name> --repo <repo> [--param value …] [--json]`: runs a named Cypher query against Neo4j. */
export const queryCommand = defineCommand({
  help: `Usage: repograph query <name> --repo <repo_id or name> [--branch <b>] [--<param> <value> …] [--json | --browser]
       repograph query --list
       repograph query --docs | npx prettier --stdin-filepath docs/queries.md > docs/queries.md

Runs one of the named, read-only Cypher queries over a repository's graph and prints a table (or one JSON object
per line with --json). --repo takes a repo_id, a unique part of one, or a unique part of a repository name;
--branch picks the branch's graph (default: the only indexed branch, or the repository's default branch).
Parameters are --kebab-case flags (see --list and docs/queries.md); "null" clears an optional one.
--browser prints a Neo4j Browser link with the query and its parameters filled in instead of running it.

Examples:
  repograph query --list
  repograph query callers --repo octo/hello --symbol greet
  repograph query callers --repo octo/hello --symbol Greeter.greet --depth 3 --json
  repograph query import-cycles --repo 3f2c9e1a --max-length 3
  repograph query file-imports --repo octo/hello --path app/main.py --browser`,
  options: OPTIONS,
  positionals: [0, 1],
  async run(parsed) {
    const args = queryArgs(parsed);
    if (args.list) {
      process.stdout.write(listing());
      return EXIT.ok;
    }
    if (args.docs) {
      process.stdout.write(renderQueriesMarkdown(NAMED_QUERIES));
      return EXIT.ok;
    }
    if (args.name == null)
      return reportError('no query name given', "run 'repograph query --list' to see the names", EXIT.usage);
    const config = readConfig();
    const driver = createGraphDriver(config.neo4j);
    try {
      return await runQuery(args, config, driver);
    } catch (error) {
      return reportFailure(error, config);
    } finally {
      await driver.close();
    }
  },
});

function reportFailure(error: unknown, config: Config): number {
  if (error instanceof QueryParamError) {
    return reportError(
      error.message,
      "fix the flag; 'repograph query --list' shows each query's required flags",
      EXIT.usage,
    );
  }
  if (error instanceof RepoResolutionError) {
    return reportError(error.message, 'pass --repo with one of those ids, or index the repository first', EXIT.usage);
  }
  const code = (error as { code?: string }).code ?? '';
  if (code === 'ServiceUnavailable' || code === 'SessionExpired') {
    return reportError(
      `cannot reach Neo4j at ${config.neo4j.uri} (${(error as Error).message})`,
      "start it with 'repograph stack up' or set NEO4J_URI",
      EXIT.unavailable,
    );
  }
  return reportError(
    `the query failed: ${(error as Error).message}`,
    'check the parameters; if it persists, report it with the query name',
  );
}
