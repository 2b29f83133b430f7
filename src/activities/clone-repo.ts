import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cancellationSignal, heartbeat } from '@temporalio/activity';
import { classifyPostgresError, isPostgresError } from '../db/classify-postgres-error.js';
import { lookupParseCache, touchParseCache, type ParseCacheSummary } from '../db/repositories/parse-cache.repository.js';
import type { WalkLine } from '../engine/commit-files.js';
import { classifyGitError, GitCommandError, MissingObjectsError } from '../git/classify-git-error.js';
import { createGitWalkSource } from '../git/git-walk-source.js';
import { listTree } from '../git/list-tree.js';
import type { Mirror } from '../git/mirror-cache.js';
import type { RepoSource } from '../git/repo-source.js';
import { readObjects } from '../git/run-git.js';
import { codeVersion } from '../identity/code-version.js';
import { languageOfPath } from '../parsers/language-of-path.js';
import { parseCacheKey } from '../parsers/parse-cache-key.js';
import { walkTree } from '../parsers/walk-tree.js';
import { tsconfigExtends } from '../resolution/languages/js-layout.js';
import { isLayoutManifest } from '../resolution/read-repo-layout.js';
import type { CloneInput, CloneResult } from '../shared/indexing-steps.js';
import type { ActivityDeps } from './activity-deps.js';
import { heartbeatWhile } from './heartbeat-while.js';
import { runFile } from './run-files.js';
import { runStep } from './run-step.js';

/** Git could not read the mirror after it had the commit. */
class MirrorUnreadable extends Error {
  override name = 'MirrorUnreadable';
  constructor(override readonly cause: GitCommandError | MissingObjectsError) {
    super(cause.message);
  }
}

/** The run's own work dir: `<workDir>/<repo_id>-<sha12>-<run_key>`, never shared between runs. */
export function workDirFor(root: string, repoId: string, sha: string, runKey: string): string {
  const safe = `${repoId}-${sha.slice(0, 12)}-${runKey}`.replace(/[^A-Za-z0-9._-]/g, '_');
  return path.join(root, safe);
}

async function writeBlobs(gitDir: string, files: Map<string, string>, checkout: string, signal: AbortSignal) {
  const byOid = new Map<string, string[]>();
  for (const [relative, oid] of files) {
    const paths = byOid.get(oid);
    if (paths == null) byOid.set(oid, [relative]);
    else paths.push(relative);
  }
  const made = new Set<string>();
  let written = 0;
  // One small file after another: synchronous calls save a thread-pool round trip each, which made checking out
  // 15,000 files take seconds.
  await readObjects(
    gitDir,
    [...byOid.keys()],
    (oid, bytes) => {
      for (const relative of byOid.get(oid) ?? []) {
        const target = path.join(checkout, relative);
        const dir = path.dirname(target);
        if (!made.has(dir)) {
          mkdirSync(dir, { recursive: true });
          made.add(dir);
        }
        writeFileSync(target, bytes);
      }
      if (++written % 500 === 0) heartbeat({ written });
    },
    signal,
  );
}

/**
 * Reads the commit from the mirror: walks its tree with the repository rules, looks every file's content up
 * in the parse cache, and checks out only what must be read, the files to parse and the manifests the layout
 * reads, from the mirror at the exact commit. Writes the walk (with cache keys) to the work dir.
 */
async function checkoutFromMirror(
  deps: ActivityDeps,
  mirror: Mirror,
  input: CloneInput,
  workDir: string,
): Promise<CloneResult> {
  const signal = cancellationSignal();
  const checkout = runFile(workDir, 'checkout');
  const entries = await listTree(mirror.gitDir, input.commit_sha, signal);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const source = createGitWalkSource(mirror.gitDir, entries, checkout);
  const parserVersion = codeVersion('parser');
  const lines: WalkLine[] = [];
  for await (const entry of walkTree(source, deps.config.parser)) {
    const line: WalkLine = { ...entry };
    if (entry.type === 'file' && entry.skipReason == null && entry.blobOid != null) {
      line.language = languageOfPath(entry.relativePath);
      line.cacheKey = parseCacheKey(entry.blobOid, line.language ?? 'unknown', parserVersion, deps.config.parser);
    }
    lines.push(line);
  }
  const keyed = lines.filter((l) => l.cacheKey != null);
  const cached: Map<string, ParseCacheSummary> = input.full
    ? new Map()
    : await lookupParseCache(
        deps.db,
        keyed.map((l) => l.cacheKey!),
      );
  // Marked used at once, so the stale clean-up of another run never prunes what this run is about to read.
  await touchParseCache(deps.db, [...cached.keys()]);
  const toWrite = new Map<string, string>();
  let bytesToParse = 0;
  for (const line of keyed) {
    line.cached = cached.get(line.cacheKey!) ?? null;
    if (line.cached == null) {
      toWrite.set(line.relativePath, line.blobOid!);
      bytesToParse += line.sizeBytes;
    }
  }
  const filesToParse = toWrite.size;
  const manifests = entries.filter((e) => e.type === 'blob' && e.mode !== '120000' && isLayoutManifest(e.path));
  for (const manifest of manifests) toWrite.set(manifest.path, manifest.oid);
  await mkdir(checkout, { recursive: true });
  await writeBlobs(mirror.gitDir, toWrite, checkout, signal);
  // A tsconfig may extend a file of another name; the layout reads that one too.
  const extended = new Map<string, string>();
  for (const manifest of manifests.filter((m) => m.path.endsWith('tsconfig.json'))) {
    const text = await readFile(path.join(checkout, manifest.path), 'utf8');
    const target = tsconfigExtends(manifest.path, text);
    const entry = target == null ? undefined : byPath.get(target);
    if (entry?.type === 'blob' && !toWrite.has(entry.path)) extended.set(entry.path, entry.oid);
  }
  await writeBlobs(mirror.gitDir, extended, checkout, signal);
  await writeFile(runFile(workDir, 'walk'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  const files = lines.filter((l) => l.type === 'file');
  return {
    work_dir: workDir,
    commit_sha: input.commit_sha,
    mirror: mirror.state,
    files: files.length,
    bytes: files.filter((f) => f.skipReason == null).reduce((sum, f) => sum + f.sizeBytes, 0),
    files_to_parse: filesToParse,
    bytes_to_parse: bytesToParse,
  };
}

/**
 * Clone step: brings the worker's mirror of the repository up to the commit the precheck resolved, fetching only
 * the objects it lacks (a first run clones it, shallow), and checks out from the mirror, into the run's own work
 * dir, only the files this run must read. A mirror git cannot read is cloned afresh; a failed clone removes its
 * work dir. Heartbeats throughout. Runs on the worker-specific queue: the following steps read what it leaves.
 */
export function createCloneRepo(deps: ActivityDeps) {
  return async function cloneRepo(input: CloneInput): Promise<CloneResult> {
    const { repository } = input;
    return runStep(
      deps.db,
      input.event_context,
      {
        name: 'cloneRepo',
        startedMessage: `cloning ${repository.github_repo_name}`,
        completed: (r) => ({ commit_sha: r.commit_sha, mirror: r.mirror, files_to_parse: r.files_to_parse }),
        // The step reads the parse cache too; each error goes to its integration's classifier.
        classify: (error) => (isPostgresError(error) ? classifyPostgresError(error) : classifyGitError(error)),
      },
      () => heartbeatWhile(async () => {
        const workDir = workDirFor(deps.config.work.workDir, repository.repo_id, input.commit_sha, input.run_key);
        await rm(workDir, { recursive: true, force: true });
        await mkdir(workDir, { recursive: true });
        try {
          const source: RepoSource = await deps.repoSource(repository, input.installation_id);
          const ref = `heads/${repository.default_branch}`;
          const use = (mirror: Mirror) =>
            checkoutFromMirror(deps, mirror, input, workDir).catch((error: unknown) => {
              const unreadable = error instanceof GitCommandError || error instanceof MissingObjectsError;
              throw unreadable ? new MirrorUnreadable(error) : error;
            });
          const signal = cancellationSignal();
          return await deps.mirrors.withCommit(source, input.commit_sha, ref, use, { signal }).catch((error: unknown) => {
            // A mirror that has the commit but cannot be read (a damaged pack or index, a lost object) is cloned
            // afresh once; one that borrows a local repository's objects fails again if that repository lacks them.
            if (!(error instanceof MirrorUnreadable) || signal.aborted) throw error;
            return deps.mirrors
              .withCommit(source, input.commit_sha, ref, use, { signal, fresh: true })
              .catch((again: unknown) => {
                throw again instanceof MirrorUnreadable ? again.cause : again;
              });
          });
        } catch (error) {
          // The workflow cleans up only after a successful clone; a failed one removes its own leftovers.
          await rm(workDir, { recursive: true, force: true });
          throw error;
        }
      }),
    );
  };
}
