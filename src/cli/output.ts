/** What a subcommand prints: its answer on stdout, and lines for stderr (skipped records, notes). */
export interface Output {
  out: string;
  warnings?: string[];
}

/** An answer too large for one string: written to stdout in pieces (ending with a newline, as `out` is printed), after the warnings. */
export interface StreamedOutput {
  write: (stdout: NodeJS.WritableStream) => Promise<void>;
  warnings?: string[];
}
