// Backups and restores of the one SQLite file (docs/decisions/008-backup-and-restore.md).
//
//  - `backupTo` takes an ONLINE copy with SQLite's backup API while the portal keeps serving and
//    writing. The copy is written under "<file>.partial", made self-contained (rollback journal
//    instead of WAL, so it is one file), fsynced, checked with `PRAGMA integrity_check`, and only
//    then renamed to its final name: a half-written or damaged copy never carries a backup's name.
//  - `inspectBackup` says what a file holds and refuses anything that is not a whole, healthy
//    database of this portal with a schema this code knows.
//  - `restoreFrom` puts a checked backup in place of the database (server stopped), keeping the
//    previous file next to it, then opens it the way the server does (pragmas, newer migrations).
//  - `startBackupSchedule` takes a backup every `backup.intervalMinutes` into the backup folder
//    and keeps the newest `backup.keep`.
//
// Logs carry file names, sizes and times only: never any content of the database.
//
// One module per part: backup/types (errors and constants), backup/copy, backup/inspect,
// backup/restore, backup/schedule and backup/files. Import from here.
export {
  BackupError,
  DEFAULT_PAGES_PER_STEP,
  KEY_TABLES,
  type BackupErrorReason,
  type BackupInfo,
  type BackupResult,
  type RestoreResult,
  type SchemaVersion,
} from "./backup/types.server";
export { backupTo } from "./backup/copy.server";
export { inspectBackup } from "./backup/inspect.server";
export { restoreFrom } from "./backup/restore.server";
export {
  backupDirectory,
  backupFileName,
  listBackups,
  pruneBackups,
  startBackupSchedule,
  type BackupSchedule,
  type BackupScheduleOptions,
} from "./backup/schedule.server";
