import { SignIn } from '../../src/signins/signin.ts';
import type { SignInQuery, SignInResult, SignInSource } from '../../src/signins/source.ts';
import { matches } from '../../src/signins/query-result.ts';

/** Sign-ins the test adds as it goes; the directory comes from another source (a tenant folder). */
export class MemorySignInSource implements SignInSource {
  readonly description = 'memory';
  private readonly events: SignIn[] = [];
  constructor(private readonly directory: SignInSource) {}

  add(...raw: Record<string, unknown>[]): void {
    for (const r of raw) this.events.push(SignIn.parse(r));
  }

  async querySignIns(q: SignInQuery): Promise<SignInResult> {
    const found = this.events.filter((e) => matches(e, q)).sort((a, b) => Date.parse(b.createdDateTime) - Date.parse(a.createdDateTime));
    const limit = q.limit ?? Infinity;
    return { events: found.slice(0, limit), truncated: found.length > limit, problems: [] };
  }
  findUsers(f: string, l?: number) { return this.directory.findUsers(f, l); }
  getUser(k: string) { return this.directory.getUser(k); }
  listGroups() { return this.directory.listGroups(); }
  listPolicies() { return this.directory.listPolicies(); }
  listNamedLocations() { return this.directory.listNamedLocations(); }
  listServicePrincipals() { return this.directory.listServicePrincipals(); }
  listDirectoryRoles() { return this.directory.listDirectoryRoles(); }
  getRegistrationDetails(id: string) { return this.directory.getRegistrationDetails(id); }
  loadProblems() { return []; }
  asOf() { return undefined; }
}
