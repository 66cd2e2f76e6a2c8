import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseStartupError } from './database.errors';

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded database is a single-writer file store: two processes opening it at once would
 * corrupt it. A pid file refuses the second one; a stale file left by a crashed process is taken over.
 */
const heldByThisProcess = new Set<string>();

export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = join(dataDir, 'service.lock');
  if (heldByThisProcess.has(lockPath)) {
    throw new DatabaseStartupError(`The embedded database in ${dataDir} is in use by process ${process.pid} (this one).`);
  }
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lockPath, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      heldByThisProcess.add(lockPath);
      return () => {
        heldByThisProcess.delete(lockPath);
        rmSync(lockPath, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      // Our own pid in a lock we do not hold is stale: a container restarted as pid 1 meets that.
      if (Number.isInteger(owner) && owner !== process.pid && processIsAlive(owner)) {
        throw new DatabaseStartupError(
          `The embedded database in ${dataDir} is in use by process ${owner}. Stop it, or set DATA_DIR to another directory.`,
        );
      }
      rmSync(lockPath, { force: true });
    }
  }
  throw new DatabaseStartupError(`Could not lock ${lockPath}`);
}
