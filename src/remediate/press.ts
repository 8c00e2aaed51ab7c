import { REMEDIATIONS } from '../diagnosis/remediations.ts';
import { directoryRoles, runRemediation, type GraphRemediationId, type Outcome, type Target } from './actions.ts';
import type { RemedyContext } from './context.ts';
import { blocks, recordKey, type RemediationRecord } from './records.ts';
import { needsApproval } from './two-person.ts';

/** Who pressed: the name Teams gave, and the directory object id (what tells two people apart). */
export interface Presser {
  name: string;
  id?: string;
}

export interface PressInput {
  remediation: GraphRemediationId;
  correlationId: string;
  target: Target;
  /** The attempt's time: "already revoked" means revoked after it. */
  since: string;
  /** Local mode only: the directory roles the folder says the person holds, for the dry run's words. */
  rolesHint?: readonly string[];
}

export type PressResult =
  | { kind: 'dry-run'; sentence: string; remediation: GraphRemediationId; target: string; call: string; reason: string; approval: boolean }
  | { kind: 'no-token'; sentence: string }
  | { kind: 'blocked'; record: RemediationRecord | undefined }
  | { kind: 'pending'; record: RemediationRecord }
  | { kind: 'ran'; record: RemediationRecord; outcome: Outcome };

const base = (p: PressInput, by: Presser, key: string): RemediationRecord => ({
  key,
  correlationId: p.correlationId,
  remediation: p.remediation,
  targetId: p.target.id,
  targetName: p.target.name,
  since: p.since,
  state: 'pending',
  requestedBy: by.name,
  ...(by.id ? { requestedById: by.id } : {}),
  at: new Date().toISOString(),
});

/**
 * A press of a remediation button: described only (dry run), or, with the presser's delegated
 * token, the state read and the call made, or an approval asked for (two-person rule). Once
 * per attempt and remediation: a record that stands (done, pending, running) answers a second
 * press without any call.
 */
export async function pressRemediation(r: RemedyContext, p: PressInput, by: Presser): Promise<PressResult> {
  const spec = REMEDIATIONS[p.remediation];
  if (r.dryRun !== undefined) {
    const asks = needsApproval(r.approval, p.remediation, p.rolesHint);
    const approval = asks ? ' A second person would have to approve it in the channel first.' : '';
    const call = spec.kind === 'graph' ? spec.call(p.target.id) : '';
    const would = spec.kind === 'graph' ? spec.would(p.target.name) : spec.button(p.target.name);
    return {
      kind: 'dry-run',
      sentence: `Dry run: would ${would} (${call}). Nothing was changed: ${r.dryRun}.${approval}`,
      remediation: p.remediation,
      target: p.target.name,
      call,
      reason: r.dryRun,
      approval: asks,
    };
  }
  const key = recordKey(p.correlationId, p.remediation);
  return r.records.once<PressResult>(
    key,
    async () => {
      const before = await r.records.read(key);
      if (blocks(before, Date.now())) return { kind: 'blocked', record: before };
      const token = await r.getDelegatedToken();
      if ('missing' in token) return { kind: 'no-token', sentence: token.missing };
      const graph = r.graph(token.token);
      const roles = r.approval.get(p.remediation) === 'privileged' ? await directoryRoles(graph, p.target.id) : [];
      if (needsApproval(r.approval, p.remediation, roles)) {
        const pending = base(p, by, key);
        await r.records.write(pending);
        return { kind: 'pending', record: pending };
      }
      return run(r, { ...base(p, by, key), state: 'running' }, graph);
    },
    async () => ({ kind: 'blocked', record: await r.records.read(key) }),
  );
}

export type ApproveResult =
  | { kind: 'gone'; record: RemediationRecord | undefined }
  | { kind: 'same-person'; record: RemediationRecord }
  | { kind: 'declined'; record: RemediationRecord }
  | { kind: 'no-token'; sentence: string; record: RemediationRecord }
  | { kind: 'ran'; record: RemediationRecord; outcome: Outcome };

/**
 * A second person's answer to an approval card: only a different person than the one who asked
 * (by directory id), only while it is pending, and run with the approver's own token, so Entra
 * checks the approver's role too. `target` is read again from the attempt by the caller.
 */
export async function answerApproval(r: RemedyContext, key: string, target: Target, by: Presser, approve: boolean): Promise<ApproveResult> {
  return r.records.once<ApproveResult>(
    key,
    async () => {
      const rec = await r.records.read(key);
      if (!rec || rec.state !== 'pending') return { kind: 'gone', record: rec };
      if (!by.id || !rec.requestedById || by.id.toLowerCase() === rec.requestedById.toLowerCase()) return { kind: 'same-person', record: rec };
      const answered = { ...rec, targetId: target.id, targetName: target.name, approvedBy: by.name, approvedById: by.id, at: new Date().toISOString() };
      if (!approve) {
        const declined = { ...answered, state: 'declined' as const };
        await r.records.write(declined);
        return { kind: 'declined', record: declined };
      }
      const token = await r.getDelegatedToken();
      if ('missing' in token) return { kind: 'no-token', sentence: token.missing, record: rec };
      return run(r, { ...answered, state: 'running' }, r.graph(token.token));
    },
    async () => ({ kind: 'gone', record: await r.records.read(key) }),
  );
}

/** The call itself, between a `running` record and the outcome's (never the pass's value). */
async function run(
  r: RemedyContext,
  running: RemediationRecord,
  graph: ReturnType<RemedyContext['graph']>,
): Promise<{ kind: 'ran'; record: RemediationRecord; outcome: Outcome }> {
  await r.records.write(running);
  let outcome: Outcome;
  try {
    outcome = await runRemediation(running.remediation as GraphRemediationId, { id: running.targetId, name: running.targetName }, graph, running.since);
  } catch (e) {
    const reason = (e as Error).message.slice(0, 200);
    outcome = {
      status: 'failed',
      sentence: `Could not reach Microsoft Graph: ${reason}. It may or may not have been done; check the admin center before trying again.`,
      says: { what: 'unreachable', values: { reason } },
    };
  }
  const record: RemediationRecord = {
    ...running,
    state: outcome.status,
    sentence: outcome.sentence,
    says: outcome.says,
    ...(outcome.requestId ? { requestId: outcome.requestId } : {}),
    at: new Date().toISOString(),
  };
  await r.records.write(record);
  return { kind: 'ran', record, outcome };
}
