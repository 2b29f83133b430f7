/** `compilerOptions.paths` of one tsconfig, with directories made repository-relative. */
export interface TsPathConfig {
  /** Directory of the tsconfig.json (`.` for the root). */
  dir: string;
  /** Directory that `paths` targets are relative to. */
  baseDir: string;
  /** True when `baseUrl` is set, so bare specifiers are also tried under `baseDir`. */
  hasBaseUrl: boolean;
  paths: [pattern: string, targets: string[]][];
}

/** A package of the repository (the root package or a workspace member). */
export interface WorkspacePackage {
  name: string;
  dir: string;
  exports: unknown;
  main: string | null;
}

/** A Go module declared by a go.mod inside the repository. */
export interface GoModule {
  dir: string;
  modulePath: string;
}

/**
 * What resolution needs from the repository besides parse records: the part of each language family that reads
 * manifests or the tree (see `LanguageRules.readLayout`). It is compared as a whole between commits.
 */
export interface RepoLayout {
  /** Python source roots, most likely first: `.`, `src`, then parents of top-level packages. */
  pythonRoots: string[];
  tsConfigs: TsPathConfig[];
  packages: Map<string, WorkspacePackage>;
  goModules: GoModule[];
}

/** The layout of a repository without manifests or packages. */
export function emptyRepoLayout(): RepoLayout {
  return { pythonRoots: ['.'], tsConfigs: [], packages: new Map(), goModules: [] };
}
