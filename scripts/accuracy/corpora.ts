/**
 * The corpora of `npm run bench:accuracy`, pinned by exact version. Each corpus is code the call-graph work was not
 * developed against, except `temporal` (the project's own dependencies, the corpus it was developed against).
 * Changing a version here re-provisions the scratch directory on the next run.
 */

/** The Temporal SDK and its dependency closure, as installed in the project's own `node_modules`. */
export interface TemporalCorpusSpec {
  name: string;
  language: 'typescript';
  kind: 'temporal';
  description: string;
}

/** Packages from the npm registry that ship their TypeScript sources in `src/`. */
export interface NpmCorpusSpec {
  name: string;
  language: 'typescript';
  kind: 'npm';
  description: string;
  /** Package → exact version; the corpus is the `src/**\/*.ts` of each (tests excluded). */
  packages: Record<string, string>;
}

/** Distributions from PyPI; the corpus is the `.py` files of the listed import packages. */
export interface PypiCorpusSpec {
  name: string;
  language: 'python';
  kind: 'pypi';
  description: string;
  /** Distribution → exact version, installed without dependencies (the list is complete). */
  distributions: Record<string, string>;
  /** Top-level import packages (directories in site-packages) whose files are the corpus. */
  modules: string[];
}

/** One corpus of the benchmark. */
export type CorpusSpec = TemporalCorpusSpec | NpmCorpusSpec | PypiCorpusSpec;

/** jedi and its parser, installed in the benchmark's virtual environment. */
export const JEDI = { jedi: '0.20.1', parso: '0.8.7' };

/** Installed next to the Python corpora so that imports between them and of their dependencies resolve. */
export const PYTHON_SUPPORT: Record<string, string> = {
  'typing-extensions': '4.16.0',
  idna: '3.20',
  sniffio: '1.3.1',
  certifi: '2026.10.19.post1',
};

/** Every corpus, in the order the benchmark runs them. */
export const CORPORA: CorpusSpec[] = [
  {
    name: 'temporal',
    language: 'typescript',
    kind: 'temporal',
    description: 'Temporal SDK and its dependency closure (node_modules of this project)',
  },
  {
    name: 'loopback',
    language: 'typescript',
    kind: 'npm',
    description: 'LoopBack 4 web framework: REST layer, DI context, repositories',
    packages: {
      '@loopback/context': '8.0.15',
      '@loopback/core': '7.0.15',
      '@loopback/express': '8.0.15',
      '@loopback/filter': '6.0.15',
      '@loopback/http-server': '7.0.15',
      '@loopback/metadata': '8.0.15',
      '@loopback/openapi-v3': '11.0.16',
      '@loopback/repository': '8.0.15',
      '@loopback/repository-json-schema': '9.0.16',
      '@loopback/rest': '15.0.16',
    },
  },
  {
    name: 'slonik',
    language: 'typescript',
    kind: 'npm',
    description: 'Slonik PostgreSQL client and its SQL query builder (sql tag)',
    packages: {
      slonik: '49.10.9',
      '@slonik/driver': '49.10.9',
      '@slonik/errors': '49.10.9',
      '@slonik/pg-driver': '49.10.9',
      '@slonik/sql-tag': '49.10.9',
      '@slonik/types': '49.10.9',
      '@slonik/utilities': '49.10.9',
    },
  },
  {
    name: 'trpc',
    language: 'typescript',
    kind: 'npm',
    description: 'tRPC server: routers, procedures, HTTP and stream adapters',
    packages: { '@trpc/server': '11.25.2' },
  },
  {
    name: 'mongodb',
    language: 'typescript',
    kind: 'npm',
    description: 'MongoDB Node.js driver and its BSON library',
    packages: { mongodb: '7.8.0', bson: '7.3.4' },
  },
  {
    name: 'zod',
    language: 'typescript',
    kind: 'npm',
    description: 'Zod schema validation (v3 classes and v4 core)',
    packages: { zod: '4.6.7' },
  },
  {
    name: 'tanstack',
    language: 'typescript',
    kind: 'npm',
    description: 'TanStack Query core (state, caches) and Router core',
    packages: {
      '@tanstack/history': '1.162.5',
      '@tanstack/query-core': '5.108.0',
      '@tanstack/router-core': '1.171.39',
    },
  },
  {
    name: 'flask',
    language: 'python',
    kind: 'pypi',
    description: 'Flask and the Pallets libraries it is built on',
    distributions: {
      flask: '3.1.3',
      werkzeug: '3.1.9',
      click: '8.5.1',
      jinja2: '3.1.6',
      itsdangerous: '2.2.0',
      blinker: '1.9.0',
      markupsafe: '3.0.4',
    },
    modules: ['flask', 'werkzeug', 'click', 'jinja2', 'itsdangerous', 'blinker', 'markupsafe'],
  },
  {
    name: 'starlette',
    language: 'python',
    kind: 'pypi',
    description: 'Starlette ASGI framework and AnyIO',
    distributions: { starlette: '1.10.0', anyio: '4.16.0' },
    modules: ['starlette', 'anyio'],
  },
  {
    name: 'httpx',
    language: 'python',
    kind: 'pypi',
    description: 'HTTPX client, HTTP Core and h11',
    distributions: { httpx: '0.28.1', httpcore: '1.0.9', h11: '0.16.0' },
    modules: ['httpx', 'httpcore', 'h11'],
  },
];
