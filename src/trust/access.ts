import type { SignInSource } from '../signins/source.ts';
import { membershipOf } from '../query/membership.ts';

/**
 * Who may ask about whom. The bot reads every sign-in in the tenant, so looking up other
 * people is for members of configured groups or holders of configured directory roles;
 * anyone else gets help and error-code explanations, and a polite refusal for the rest.
 */
export type Access = { kind: 'full' } | { kind: 'limited'; why: string } | { kind: 'refused'; why: string };

/** Roles that can read sign-in logs in Entra anyway: giving them the bot adds no reach. */
export const DEFAULT_ROLE_TEMPLATES: Record<string, string> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451': 'Global Reader',
  '4a5d8f65-41da-4de4-8968-e035b65339cf': 'Reports Reader',
  '5d6b6bb7-de71-4623-b4af-96380a352509': 'Security Reader',
  '194ae4cb-b126-40b2-bd5b-6091b380977d': 'Security Administrator',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8': 'Helpdesk Administrator',
};

export interface AccessPolicy {
  /** Off in local mode (the Playground's mock users have no directory ids). */
  enforce: boolean;
  /** The bot's own tenant; requests from any other are refused. Empty: not checked. */
  tenantId: string;
  groupIds: string[];
  roleTemplateIds: string[];
}

export interface Asker {
  aadObjectId?: string;
  tenantId?: string;
}

const list = (csv: string) =>
  csv
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);

export function accessPolicy(c: {
  local: boolean;
  MicrosoftAppTenantId: string;
  AUTHORIZED_GROUP_IDS: string;
  AUTHORIZED_ROLE_TEMPLATE_IDS: string;
}): AccessPolicy {
  const groupIds = list(c.AUTHORIZED_GROUP_IDS);
  const roleTemplateIds = list(c.AUTHORIZED_ROLE_TEMPLATE_IDS);
  return {
    // Locally, enforce only when someone configured it on purpose.
    enforce: !c.local || groupIds.length > 0 || roleTemplateIds.length > 0,
    tenantId: c.MicrosoftAppTenantId.toLowerCase(),
    groupIds,
    roleTemplateIds: groupIds.length || roleTemplateIds.length ? roleTemplateIds : Object.keys(DEFAULT_ROLE_TEMPLATES),
  };
}

export function describePolicy(p: AccessPolicy): string {
  if (!p.enforce) return 'anyone who can reach it may ask about anyone (local mode; set AUTHORIZED_GROUP_IDS or AUTHORIZED_ROLE_TEMPLATE_IDS to restrict)';
  const roles = p.roleTemplateIds.map((r) => DEFAULT_ROLE_TEMPLATES[r] ?? r);
  return (
    [p.groupIds.length ? `members of groups ${p.groupIds.join(', ')}` : '', roles.length ? `holders of ${roles.join(', ')}` : '']
      .filter(Boolean)
      .join(' and ') + ' may look up other people'
  );
}

/** Checks an asker against the policy; membership is read from the source and kept for five minutes. */
export class AccessChecker {
  private readonly cache = new Map<string, { until: number; access: Access }>();

  constructor(
    private readonly policy: AccessPolicy,
    private readonly source: SignInSource,
    private readonly now: () => number = Date.now,
  ) {}

  async check(asker: Asker): Promise<Access> {
    if (!this.policy.enforce) return { kind: 'full' };
    if (this.policy.tenantId && (asker.tenantId ?? '').toLowerCase() !== this.policy.tenantId)
      return { kind: 'refused', why: 'This bot answers only people in its own organisation.' };
    const id = asker.aadObjectId?.toLowerCase();
    if (!id) return { kind: 'limited', why: 'Teams did not say who you are, so I cannot check that you may look up sign-ins.' };
    const hit = this.cache.get(id);
    if (hit && hit.until > this.now()) return hit.access;
    const access = await this.decide(id);
    this.cache.set(id, { until: this.now() + 5 * 60_000, access });
    return access;
  }

  private async decide(id: string): Promise<Access> {
    const { memberOf: groups, roleTemplateIds: roles } = await membershipOf(this.source, id);
    if (!groups && !roles) return { kind: 'limited', why: 'I could not read your group and role membership, so I cannot check that you may look up sign-ins.' };
    const lower = (s?: Set<string>) => new Set([...(s ?? [])].map((x) => x.toLowerCase()));
    const g = lower(groups);
    const r = lower(roles);
    if (this.policy.groupIds.some((x) => g.has(x)) || this.policy.roleTemplateIds.some((x) => r.has(x))) return { kind: 'full' };
    return { kind: 'limited', why: 'Looking up sign-ins is for the helpdesk and identity admins, and you are not in a group or role allowed to.' };
  }
}
