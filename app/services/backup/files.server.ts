// File helpers for backups and restores: durable copies, renames and clean-up.
import fs from "node:fs";
import { COPY_CHUNK } from "./types.server";

export function utcStamp(at: Date): string {
  return at.toISOString().replace(/[-:]/g, "");
}

export function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

/** Makes a rename durable. Not every platform can fsync a directory: best effort. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, "r");
    fs.fsyncSync(fd);
  } catch {
    // unsupported here (e.g. Windows): the rename is still atomic
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Copies into a new owner-only file and fsyncs it. */
export function copyFileDurably(from: string, to: string): void {
  const input = fs.openSync(from, "r");
  try {
    const output = fs.openSync(to, "wx", 0o600);
    try {
      const buffer = Buffer.allocUnsafe(COPY_CHUNK);
      let position = 0;
      for (;;) {
        const read = fs.readSync(input, buffer, 0, COPY_CHUNK, position);
        if (read === 0) break;
        let written = 0;
        while (written < read) written += fs.writeSync(output, buffer, written, read - written);
        position += read;
      }
      fs.fsyncSync(output);
    } finally {
      fs.closeSync(output);
    }
  } finally {
    fs.closeSync(input);
  }
}

export function moveWithSidecars(from: string, to: string): void {
  fs.renameSync(from, to);
  // The -wal belongs with its file (it may hold committed transactions); the -shm is only an index.
  if (fs.existsSync(`${from}-wal`)) fs.renameSync(`${from}-wal`, `${to}-wal`);
  fs.rmSync(`${from}-shm`, { force: true });
}

export function removeSidecars(file: string, suffixes: string[]): void {
  for (const suffix of suffixes) fs.rmSync(file + suffix, { force: true });
}

/** Clean-up on a path that already failed: its own error must not hide the first one. */
export function quietly(work: () => void): void {
  try {
    work();
  } catch {
    // the original error is what the caller reports
  }
}

export function removeWithSidecars(file: string): void {
  fs.rmSync(file, { force: true });
  removeSidecars(file, ["-wal", "-shm", "-journal"]);
}
