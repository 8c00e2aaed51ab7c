import { readFileSync } from 'node:fs';

/**
 * Calls `onGone` once the process that started the launcher is gone: killed on its own
 * (an IDE that stops `npm` by its pid), it leaves nobody to stop the bot. npm runs the
 * script through `sh -c`, which stays in between, so under npm the shell's parent (npm)
 * is watched too. A process whose parent dies is adopted, so its parent id changes.
 */
export function watchStarter(onGone: () => void, everyMs = 1000): void {
  const parent = process.ppid;
  const shell = process.env.npm_lifecycle_event ? statOf(parent) : undefined;
  const npm = shell && /^(sh|dash|bash|zsh)$/.test(shell.comm) ? shell.ppid : undefined;
  const timer = setInterval(() => {
    if (process.ppid !== parent || (npm !== undefined && statOf(parent)?.ppid !== npm)) {
      clearInterval(timer);
      onGone();
    }
  }, everyMs);
  timer.unref();
}

/** Linux: a process's command name and parent from /proc; undefined elsewhere or once it is gone. */
function statOf(pid: number): { comm: string; ppid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return { comm, ppid };
  } catch {
    return undefined;
  }
}
