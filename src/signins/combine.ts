import type { Directory, SignInLog, SignInQuery, SignInSource, SourceProblem } from './source.ts';

/**
 * A whole source from a log-only adapter (Log Analytics, any Kusto store) and a directory
 * (Graph or a tenant folder): sign-ins, the audit log, the snapshot time and the description
 * come from the log; people, policies, apps, membership and the What If API from the
 * directory. The optional calls exist only when the half that serves them has them, so
 * "can this source tell?" stays a presence check.
 */
export class CombinedSource implements SignInSource {
  readonly description: string;
  readonly listDirectoryAudits?: SignInLog['listDirectoryAudits'];
  readonly signInsByPerson?: SignInLog['signInsByPerson'];
  readonly failuresByIp?: SignInLog['failuresByIp'];
  readonly membership?: Directory['membership'];
  readonly evaluateConditionalAccess?: Directory['evaluateConditionalAccess'];

  constructor(
    readonly log: SignInLog,
    readonly directory: Directory,
  ) {
    this.description = log.description;
    if (log.listDirectoryAudits) this.listDirectoryAudits = log.listDirectoryAudits.bind(log);
    if (log.signInsByPerson) this.signInsByPerson = log.signInsByPerson.bind(log);
    if (log.failuresByIp) this.failuresByIp = log.failuresByIp.bind(log);
    if (directory.membership) this.membership = directory.membership.bind(directory);
    if (directory.evaluateConditionalAccess) this.evaluateConditionalAccess = directory.evaluateConditionalAccess.bind(directory);
  }

  querySignIns(q: SignInQuery) {
    return this.log.querySignIns(q);
  }
  /** What either half could not read: the log's first. */
  loadProblems(): SourceProblem[] {
    return [...this.log.loadProblems(), ...this.directory.loadProblems()];
  }
  asOf() {
    return this.log.asOf();
  }
  findUsers(fragment: string, limit?: number) {
    return this.directory.findUsers(fragment, limit);
  }
  getUser(idOrUpn: string) {
    return this.directory.getUser(idOrUpn);
  }
  listGroups() {
    return this.directory.listGroups();
  }
  listPolicies() {
    return this.directory.listPolicies();
  }
  listNamedLocations() {
    return this.directory.listNamedLocations();
  }
  listServicePrincipals() {
    return this.directory.listServicePrincipals();
  }
  listDirectoryRoles() {
    return this.directory.listDirectoryRoles();
  }
  getRegistrationDetails(userId: string) {
    return this.directory.getRegistrationDetails(userId);
  }
}

export const combine = (log: SignInLog, directory: Directory): SignInSource => new CombinedSource(log, directory);
