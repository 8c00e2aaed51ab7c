import { z } from 'zod';

/**
 * One entry of the directory audit log (Graph `GET /auditLogs/directoryAudits`, the
 * documented directoryAudit resource): who changed what in the directory, and when. The
 * diagnosis reads it for "what changed": a policy, a password, authentication methods,
 * group membership. Only the fields read here are named; the rest is kept.
 */
const str = z.string().nullish();

export const DirectoryAudit = z.looseObject({
  id: z.string().min(1),
  category: str,
  activityDisplayName: z.string(),
  activityDateTime: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date-time'),
  loggedByService: str,
  operationType: str,
  result: str,
  initiatedBy: z
    .looseObject({
      user: z.looseObject({ id: str, displayName: str, userPrincipalName: str }).nullish(),
      app: z.looseObject({ appId: str, displayName: str, servicePrincipalName: str }).nullish(),
    })
    .nullish(),
  targetResources: z
    .array(
      z.looseObject({
        id: str,
        displayName: str,
        type: str,
        userPrincipalName: str,
        modifiedProperties: z.array(z.looseObject({ displayName: str, oldValue: str, newValue: str })).nullish(),
      }),
    )
    .nullish(),
});
export type DirectoryAudit = z.infer<typeof DirectoryAudit>;

/** The target name Entra's audit entries give security defaults (read by the Graph and Kusto audit queries). */
export const SECURITY_DEFAULTS_TARGET = 'Security Defaults Policy';
