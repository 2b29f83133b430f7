import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Fixture',
  GIT_AUTHOR_EMAIL: 'fixture@example.test',
  GIT_COMMITTER_NAME: 'Fixture',
  GIT_COMMITTER_EMAIL: 'fixture@example.test',
};

/** Runs git in `dir` as the fixture's author and returns its trimmed output. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' }).trim();
}

/** Writes `files` (path → content; null deletes), commits them and returns the new HEAD SHA. */
export function commitFiles(dir: string, files: Record<string, string | null>, message = 'change'): string {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    if (content == null) rmSync(file, { force: true });
    else {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
  return git(dir, 'rev-parse', 'HEAD');
}

/** The first commit of the fixture: a small Python package and a TypeScript module that import each other's kin. */
export const FIXTURE_FILES: Record<string, string> = {
  'app/__init__.py': '',
  'app/models.py': `class User:\n    """A user."""\n\n    def __init__(self, name):\n        self.name = name\n\n    def greet(self):\n        return f"hi {self.name}"\n`,
  'app/service.py': `from app.models import User\n\n\ndef make_user(name):\n    user = User(name)\n    return user.greet()\n`,
  'web/util.ts': `export function shout(s: string): string {\n  return s.toUpperCase();\n}\n`,
  'web/main.ts': `import { shout } from './util.js';\n\nexport class Page {\n  render(): string {\n    return shout('page');\n  }\n}\n`,
  'README.md': '# Fixture\n\nA repository the end-to-end tests index.\n',
};

/** Creates a git repository at `dir` on branch `main` with {@link FIXTURE_FILES}; returns the commit SHA. */
export function createFixtureRepo(dir: string): string {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  return commitFiles(dir, FIXTURE_FILES, 'initial');
}
