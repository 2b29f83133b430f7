/**
 * Directory names skipped wherever they appear: tool caches, dependency trees and VCS metadata that are never
 * a project's own source (the original's list plus common additions).
 */
export const ALWAYS_EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  '.git',
  '.svn',
  '.hg',
  '.bzr',
  '__pycache__',
  '.pytest_cache',
  '.mypy_cache',
  '.ruff_cache',
  '.tox',
  '.nox',
  '.venv',
  '.env',
  'node_modules',
  'bower_components',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.angular',
  '.gradle',
  '.idea',
  '.vscode',
  '.ds_store',
  '.coverage',
  'htmlcov',
  '.eggs',
  '__snapshots__',
  '.terraform',
  '.cache',
  '.parcel-cache',
  '.turbo',
  '.yarn',
  '.pnpm-store',
  '.dart_tool',
  '.bundle',
  'jspm_packages',
]);

/**
 * Names that are build output or vendored code only in context: `build`, `dist`, `out`, `target`,
 * `coverage`, `vendor` are skipped when their parent directory holds a project manifest that produces them;
 * `env` (like any directory) is skipped when it is a Python virtual environment (`pyvenv.cfg` inside).
 */
export const CONTEXTUAL_EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  'build',
  'dist',
  'out',
  'target',
  'coverage',
  'vendor',
  'third_party',
  'bin',
  'obj',
]);

/** Files whose presence in a directory marks it as a project root whose `build`/`dist`/… are generated. */
export const PROJECT_MANIFESTS: ReadonlySet<string> = new Set([
  'package.json',
  'setup.py',
  'setup.cfg',
  'pyproject.toml',
  'pom.xml',
  'build.gradle',
  'build.gradle.kts',
  'settings.gradle',
  'settings.gradle.kts',
  'cargo.toml',
  'go.mod',
  'composer.json',
  'gemfile',
  'cmakelists.txt',
  'makefile',
  'build.sbt',
  'package.swift',
  'mix.exs',
  'pubspec.yaml',
  'tsconfig.json',
  'angular.json',
]);

/** File names excluded wherever they appear, matched case-insensitively. */
export const EXCLUDED_FILES: ReadonlySet<string> = new Set([
  '.gitignore',
  '.gitattributes',
  '.editorconfig',
  'package-lock.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'pipfile.lock',
  'poetry.lock',
  'gemfile.lock',
  'cargo.lock',
  'composer.lock',
  'go.sum',
]);

/** `*.egg-info` and similar patterns, matched against lower-cased directory names. */
export function isExcludedDirPattern(lowerName: string): boolean {
  return lowerName.endsWith('.egg-info') || lowerName.startsWith('bazel-');
}
