/** `indexed_dirs`: the directories of each branch's walk (every one is a FileNode of the branch's graph). */
export interface IndexedDirsTable {
  repository_id: string;
  branch: string;
  dir_path: string;
}
