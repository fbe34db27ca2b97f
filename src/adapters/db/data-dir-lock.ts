/**
 * PGlite has no lock of its own: a second process opening the same data folder silently loses data.
 * MotCua takes an exclusive lock file (`<dataDir>.lock`, created with O_EXCL) holding the owner's pid.
 * A lock left by a process that no longer exists (kill -9, power loss) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { AppError } from '../../kernel/errors.ts';

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const path = `${dataDir.replace(/\/+$/, '')}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        path,
        release() {
          if (released) return;
          released = true;
          try {
            if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
          } catch {
            // already gone
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) {
        throw new AppError('DB_LOCKED', {
          detail: `The data folder ${dataDir} is in use by MotCua process ${owner} (lock file ${path}). Stop that process first, or set MOTCUA_DATA_DIR to another folder.`,
          details: { lockFile: path, pid: owner },
        });
      }
      if (owner === process.pid) {
        throw new AppError('DB_LOCKED', {
          detail: `The data folder ${dataDir} is already open in this process.`,
          details: { lockFile: path },
        });
      }
      unlinkSync(path); // stale: its owner is gone
    }
  }
  throw new AppError('DB_LOCKED', { details: { lockFile: path } });
}
