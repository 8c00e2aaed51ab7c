import { SignIn } from '../../src/signins/signin.ts';
import type { Directory, SignInLog, SignInQuery, SignInResult } from '../../src/signins/source.ts';
import { matches } from '../../src/signins/query-result.ts';
import { CombinedSource } from '../../src/signins/combine.ts';

/** Sign-ins the test adds as it goes: a log only. */
class MemorySignInLog implements SignInLog {
  readonly description = 'memory';
  readonly events: SignIn[] = [];

  async querySignIns(q: SignInQuery): Promise<SignInResult> {
    const found = this.events.filter((e) => matches(e, q)).sort((a, b) => Date.parse(b.createdDateTime) - Date.parse(a.createdDateTime));
    const limit = q.limit ?? Infinity;
    return { events: found.slice(0, limit), truncated: found.length > limit, problems: [] };
  }
  loadProblems() {
    return [];
  }
  asOf() {
    return undefined;
  }
}

/** The memory log made whole with a directory from another source (a tenant folder), as Log Analytics is. */
export class MemorySignInSource extends CombinedSource {
  private readonly memory: MemorySignInLog;

  constructor(directory: Directory) {
    const memory = new MemorySignInLog();
    super(memory, directory);
    this.memory = memory;
  }

  add(...raw: Record<string, unknown>[]): void {
    for (const r of raw) this.memory.events.push(SignIn.parse(r));
  }
}
