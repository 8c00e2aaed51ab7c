/**
 * restify loads spdy, whose http-deceiver calls `process.binding('http_parser')` and makes
 * Node print DEP0111 at every start. We never use spdy (HTTP/2 over TLS), so exactly that
 * one warning is dropped; every other warning, deprecations included, still prints.
 * Imported before restify, so it is in place when the warning fires.
 */
const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;

process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const options = rest[0];
  const code = typeof options === 'object' && options !== null ? (options as { code?: string }).code : rest[1];
  if (code === 'DEP0111' || (warning instanceof Error && (warning as Error & { code?: string }).code === 'DEP0111')) return;
  emitWarning(warning, ...rest);
}) as typeof process.emitWarning;
