/** What a subcommand prints: its answer on stdout, and lines for stderr (skipped records, notes). */
export interface Output {
  out: string;
  warnings?: string[];
}
