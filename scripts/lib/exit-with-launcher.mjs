// Loaded with `node --import` into the bot and the Agents Playground that `npm start` runs.
// Plain JavaScript, so the Playground needs no TypeScript loader for it.
//
// The launcher (scripts/start-local.ts) keeps an IPC channel to each of them. The channel
// closes when the launcher is gone, however it went, SIGKILL included, when it could not
// stop them itself. This process then stops as if told to: SIGTERM, on which the bot lets
// its running turns finish and flushes its audit trail.
if (process.channel) {
  let launcherGone = false;
  process.once('disconnect', () => {
    launcherGone = true;
    process.kill(process.pid, 'SIGTERM');
    // A stop that never finishes (a turn that hangs) must not keep the port for ever.
    setTimeout(() => process.kill(process.pid, 'SIGKILL'), 15_000).unref();
  });
  // Nobody reads this process's output any more. On exit pino flushes its last lines to the
  // closed pipe synchronously and retries the broken pipe every 100 ms, for ever (that is
  // how a bot outlived `npm start` for an hour). By the time the process exits its stop is
  // done, so end it before that flush.
  process.prependListener('exit', () => {
    if (launcherGone) process.kill(process.pid, 'SIGKILL');
  });
  // The channel is only for noticing the launcher: it must not keep the process alive.
  process.channel.unref();
}
