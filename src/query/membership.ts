import { roleTemplatesOf, transitiveGroups } from '../diagnosis/ca-evaluator.ts';
import type { DirectoryRole, Group } from '../signins/directory.ts';
import type { SignInSource } from '../signins/source.ts';

/**
 * One user's groups (nested included) and directory role templates: asked of a source that
 * reads one user's membership (Graph), else worked out from the groups and roles it lists.
 * A set is `undefined` when it cannot be known, never empty for "unknown".
 */
export interface Membership {
  memberOf?: Set<string>;
  roleTemplateIds?: Set<string>;
}

export async function membershipOf(source: SignInSource, userId: string, listed?: { groups?: Group[]; roles?: DirectoryRole[] }): Promise<Membership> {
  if (source.membership) {
    const m = await source.membership(userId);
    return { memberOf: m?.groupIds, roleTemplateIds: m?.roleTemplateIds };
  }
  const groups = listed ? listed.groups : await source.listGroups();
  const roles = listed ? listed.roles : await source.listDirectoryRoles();
  return { memberOf: groups ? transitiveGroups(userId, groups) : undefined, roleTemplateIds: roles ? roleTemplatesOf(userId, roles) : undefined };
}
