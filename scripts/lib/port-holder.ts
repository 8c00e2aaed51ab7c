import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Before `npm start` starts anything: is a port already taken, and by which process?
 * The usual holder is a bot left over from an earlier run; naming it (pid and command)
 * saves the person a search.
 */
export interface PortHolder {
  pid: number;
  command: string;
}

/** Listens on the port briefly, on loopback and on every address (the bot uses one or the other). */
export async function portInUse(port: number): Promise<boolean> {
  for (const host of ['127.0.0.1', '::', '0.0.0.0']) {
    const result = await tryListen(port, host);
    if (result === 'in-use') return true;
    // '::' fails where IPv6 is off; 0.0.0.0 then covers every IPv4 address.
    if (result === 'free' && host === '::') return false;
  }
  return false;
}

function tryListen(port: number, host: string): Promise<'free' | 'in-use' | 'unsupported'> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code === 'EADDRINUSE' ? 'in-use' : 'unsupported'));
    server.listen({ port, host }, () => server.close(() => resolve('free')));
  });
}

/** The socket inodes listening on `port` in a /proc/net/tcp or /proc/net/tcp6 table. */
export function listeningInodes(table: string, port: number): string[] {
  const inodes: string[] = [];
  for (const line of table.split('\n').slice(1)) {
    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
    const f = line.trim().split(/\s+/);
    const local = f[1];
    if (!local || f[3] !== '0A' /* LISTEN */) continue;
    if (parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port && f[9] && f[9] !== '0') inodes.push(f[9]);
  }
  return inodes;
}

/** Linux: the listening socket's inode, then the process with a descriptor on it. Only this account's processes are readable. */
function holderFromProc(port: number): PortHolder | undefined {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    try {
      for (const i of listeningInodes(readFileSync(table, 'utf8'), port)) inodes.add(`socket:[${i}]`);
    } catch {
      // no IPv6 table, or no /proc at all
    }
  }
  if (inodes.size === 0) return undefined;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue; // another account's process, or gone meanwhile
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      if (inodes.has(target)) return { pid: Number(entry), command: commandOf(Number(entry)) };
    }
  }
  return undefined;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

/** Elsewhere (macOS): lsof, where it is installed. */
function holderFromLsof(port: number): Promise<PortHolder | undefined> {
  return new Promise((resolve) => {
    execFile('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc'], { timeout: 5000 }, (err, stdout) => {
      if (err) return resolve(undefined);
      const pid = /^p(\d+)$/m.exec(stdout)?.[1];
      const command = /^c(.+)$/m.exec(stdout)?.[1] ?? '';
      resolve(pid ? { pid: Number(pid), command } : undefined);
    });
  });
}

export async function findPortHolder(port: number): Promise<PortHolder | undefined> {
  try {
    readdirSync('/proc/self/fd');
  } catch {
    return holderFromLsof(port);
  }
  return holderFromProc(port);
}

/** One line: the port, what it is for, who holds it, and the setting that moves it. */
export function portInUseMessage(port: number, what: string, setting: string, holder: PortHolder | undefined): string {
  // One line even when the command line held newlines (a script given with -e or -c).
  const flat = holder?.command.replace(/\s+/g, ' ').trim();
  const command = flat && flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
  const who = holder
    ? `by process ${holder.pid}${command ? ` (${command})` : ''}; stop it (kill ${holder.pid})`
    : 'by another process (which one could not be found from this account); stop it';
  return `Port ${port} for ${what} is already in use ${who}, or choose another port: ${setting}=<port> npm start`;
}
