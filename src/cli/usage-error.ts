/** A mistake in how the command was called, or input it cannot read: exit 2 with this line. */
export class UsageError extends Error {}
