/** How the target of a `CALLS`, `IMPORTS`, `INHERITS` or `IMPLEMENTS` relationship was found. */
export type Resolution =
  | 'import'
  | 'same-file'
  | 'same-package'
  | 'self'
  | 'super'
  | 'receiver-type'
  | 'module-alias'
  | 'default-import'
  | 'relative-path'
  | 'source-root'
  | 'tsconfig-paths'
  | 'workspace-package'
  | 'go-module'
  | 'jvm-package';
