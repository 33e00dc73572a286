import { open, readFile, rm, stat } from 'node:fs/promises';
import { connect } from 'node:net';

/**
 * PGlite does not stop two processes from opening one data directory (it ignores postmaster.pid),
 * and doing so corrupts it. A lock file holding the owner's pid keeps it to one; a lock whose process
 * is gone is taken over.
 */
export type LockResult =
  | { readonly acquired: true }
  | { readonly acquired: false; readonly holderPid: number };

const heldInThisProcess = new Set<string>();
const FRESH_LOCK_MS = 5_000;

export async function acquireDataDirLock(lockPath: string): Promise<LockResult> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const file = await open(lockPath, 'wx');
      try {
        await file.writeFile(`${process.pid}\n`);
      } finally {
        await file.close();
      }
      heldInThisProcess.add(lockPath);
      return { acquired: true };
    } catch (error) {
      if (!isErrno(error, 'EEXIST')) throw error;
    }
    const holderPid = await readHolder(lockPath);
    if (holderPid !== undefined && isAlive(holderPid, lockPath)) return { acquired: false, holderPid };
    // An empty lock may be one another process has just created and not yet written.
    if (holderPid === undefined && (await ageMs(lockPath)) < FRESH_LOCK_MS)
      return { acquired: false, holderPid: 0 };
    await rm(lockPath, { force: true });
  }
  const holderPid = (await readHolder(lockPath)) ?? 0;
  return { acquired: false, holderPid };
}

export async function releaseDataDirLock(lockPath: string): Promise<void> {
  if (!heldInThisProcess.delete(lockPath)) return;
  if ((await readHolder(lockPath)) === process.pid) await rm(lockPath, { force: true });
}

/**
 * Whether a PostgreSQL server answers on the unix socket: an SSLRequest gets one byte back. Our
 * server answers it without touching PGlite, so a busy database still answers at once.
 */
export function socketAnswers(socketPath: string, timeoutMs = 2_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ path: socketPath });
    const done = (answer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('error', () => done(false));
    socket.once('connect', () => {
      const sslRequest = Buffer.alloc(8);
      sslRequest.writeInt32BE(8, 0);
      sslRequest.writeInt32BE(80_877_103, 4);
      socket.write(sslRequest);
    });
    socket.once('data', (data: Buffer) => done(data[0] === 0x4e || data[0] === 0x53));
  });
}

async function readHolder(lockPath: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt(await readFile(lockPath, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

async function ageMs(path: string): Promise<number> {
  try {
    return Date.now() - (await stat(path)).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** Our own pid in a lock we do not hold is left over from an earlier run (a container's pid 1). */
function isAlive(pid: number, lockPath: string): boolean {
  if (pid === process.pid) return heldInThisProcess.has(lockPath);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM');
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code;
}
