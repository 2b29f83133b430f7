import type { ModuleTarget } from './module-target.js';

/** A local name bound to an exported name of a module (`default` for a JS default import). */
export interface NameBinding {
  target: ModuleTarget;
  name: string;
}

/** What a file's imports bind, and which of them point inside the repository. */
export interface FileBindings {
  /** Resolved imports, one per (statement, target), for `IMPORTS` relationships. */
  imports: { target: ModuleTarget; line: number }[];
  /** Receivers bound to a whole module: `np` in `import numpy as np`, `a.b.c` in `import a.b.c`, Go packages. */
  modules: Map<string, ModuleTarget>;
  names: Map<string, NameBinding>;
  /** Modules whose names are all visible (`from m import *`, Java `import p.*`, Go dot imports). */
  wildcards: ModuleTarget[];
  /** Import statements that point outside the repository or could not be resolved. */
  unresolved: number;
}

/** Bindings of a file that imports nothing. */
export function emptyBindings(): FileBindings {
  return { imports: [], modules: new Map(), names: new Map(), wildcards: [], unresolved: 0 };
}
