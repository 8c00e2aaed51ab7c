import { REMEDIATIONS, type RemediationId } from '../diagnosis/remediations.ts';
import { graphReason, segment, type DelegatedGraph, type GraphAnswer } from './graph.ts';

/** Whom a remediation acts on: read from the attempt that was diagnosed, never from a button. */
export interface Target {
  id: string;
  name: string;
}

/** A Temporary Access Pass as Graph returns it once: shown to the presser, never stored, logged or audited. */
export interface TapValue {
  value: string;
  lifetimeInMinutes?: number;
  startDateTime?: string;
  isUsableOnce?: boolean;
}

/**
 * What happened: done; already so (the state read first made the call pointless, so none was
 * made); refused by Entra (the presser's role does not allow it: 403 with Graph's reason);
 * failed (anything else). The sentence says which, to whom, and Graph's request id.
 */
export interface Outcome {
  status: 'done' | 'already' | 'refused' | 'failed';
  /** In English: the record, the audit trail. */
  sentence: string;
  /** The same sentence as data, for the reader's language (the edge renders `remediation.outcome.<what>`). */
  says: OutcomeWords;
  requestId?: string;
  tap?: TapValue;
}

/**
 * What an outcome says, as data: which sentence and its values. This folder holds no catalogue
 * (it imports no i18n); routes/common/remediate-words.ts renders `remediation.outcome.<what>`,
 * whose English is `sentence` word for word (test/remediate/outcome-words.test.ts).
 */
export interface OutcomeWords {
  what:
    | 'refused'
    | 'failed'
    | 'unreachable'
    | 'revokeSessions.already'
    | 'revokeSessions.done'
    | 'issueTap.already'
    | 'issueTap.noValue'
    | 'issueTap.done'
    | 'confirmCompromised.already'
    | 'confirmCompromised.done'
    | 'dismissRisk.already'
    | 'dismissRisk.done';
  /** name, and per sentence: step (what was tried), reason (Graph's words), requestId ('none' without), at, minutes ('none' without), once ('yes'/'no'), state. */
  values: Record<string, string | number>;
}

/** The step a refusal or failure names: "read …'s sessions", "revoke …'s sign-in sessions". */
type Step = 'readSessions' | 'revokeSessions' | 'readTaps' | 'issueTap' | 'readRisk' | 'confirmCompromised' | 'dismissRisk';

export type GraphRemediationId = 'revokeSessions' | 'issueTap' | 'confirmCompromised' | 'dismissRisk';
export const isGraphRemediation = (id: RemediationId): id is GraphRemediationId => REMEDIATIONS[id].kind === 'graph';

const rid = (a: GraphAnswer) => (a.requestId ? ` (Graph request id ${a.requestId})` : '');

/** A refusal or failure of one call, in Graph's words. */
function notDone(what: string, step: Step, name: string, a: GraphAnswer): Outcome {
  const refused = a.status === 401 || a.status === 403;
  return {
    status: refused ? 'refused' : 'failed',
    says: { what: refused ? 'refused' : 'failed', values: { step, name, reason: graphReason(a), requestId: a.requestId ?? 'none' } },
    sentence: refused
      ? `Entra refused to ${what} with your rights: ${graphReason(a)}${rid(a)}. Ask someone with the role it needs (see docs/security.md).`
      : `Could not ${what}: Graph answered ${graphReason(a)}${rid(a)}. Nothing else was tried.`,
    ...(a.requestId ? { requestId: a.requestId } : {}),
  };
}

const ok = (a: GraphAnswer) => a.status >= 200 && a.status < 300;

/**
 * One remediation for one person: the current state is read first (sessions revoked since the
 * attempt? a usable pass already? the risk already confirmed or dismissed?), and the write is
 * made only when it would change something. `since` is the attempt's time.
 */
export async function runRemediation(id: GraphRemediationId, target: Target, graph: DelegatedGraph, since: string): Promise<Outcome> {
  const user = segment(target.id);
  const n = target.name;
  switch (id) {
    case 'revokeSessions': {
      const read = await graph('GET', `/users/${user}?$select=id,signInSessionsValidFromDateTime`);
      if (!ok(read)) return notDone(`read ${n}'s sessions`, 'readSessions', n, read);
      const from = (read.body as { signInSessionsValidFromDateTime?: unknown }).signInSessionsValidFromDateTime;
      if (typeof from === 'string' && Date.parse(from) > Date.parse(since))
        return {
          status: 'already',
          sentence: `${n}'s sign-in sessions were already revoked at ${from}, after this attempt: nothing was sent.`,
          says: { what: 'revokeSessions.already', values: { name: n, at: from } },
        };
      const a = await graph('POST', `/users/${user}/revokeSignInSessions`);
      if (!ok(a)) return notDone(`revoke ${n}'s sign-in sessions`, 'revokeSessions', n, a);
      return {
        status: 'done',
        sentence: `Revoked ${n}'s sign-in sessions${rid(a)}: every app asks them to sign in again (within an hour for some).`,
        says: { what: 'revokeSessions.done', values: { name: n, requestId: a.requestId ?? 'none' } },
        ...(a.requestId ? { requestId: a.requestId } : {}),
      };
    }
    case 'issueTap': {
      const read = await graph('GET', `/users/${user}/authentication/temporaryAccessPassMethods`);
      if (!ok(read)) return notDone(`read ${n}'s Temporary Access Passes`, 'readTaps', n, read);
      const usable = ((read.body as { value?: { isUsable?: unknown; createdDateTime?: unknown }[] }).value ?? []).find((m) => m.isUsable === true);
      // A new pass would delete the one the user may be typing right now.
      if (usable)
        return {
          status: 'already',
          sentence: `${n} already has a usable Temporary Access Pass (created ${String(usable.createdDateTime ?? 'earlier')}): no new one was issued. Its value is shown only once, when it is made.`,
          says: { what: 'issueTap.already', values: { name: n, at: typeof usable.createdDateTime === 'string' ? usable.createdDateTime : 'earlier' } },
        };
      const a = await graph('POST', `/users/${user}/authentication/temporaryAccessPassMethods`, {});
      if (!ok(a)) return notDone(`issue ${n} a Temporary Access Pass`, 'issueTap', n, a);
      const b = a.body as { temporaryAccessPass?: unknown; lifetimeInMinutes?: unknown; startDateTime?: unknown; isUsableOnce?: unknown };
      if (typeof b.temporaryAccessPass !== 'string')
        return {
          status: 'failed',
          sentence: `Graph made a pass for ${n} but did not return its value${rid(a)}.`,
          says: { what: 'issueTap.noValue', values: { name: n, requestId: a.requestId ?? 'none' } },
        };
      return {
        status: 'done',
        sentence: `Issued ${n} a Temporary Access Pass${typeof b.lifetimeInMinutes === 'number' ? `, valid ${b.lifetimeInMinutes} minutes` : ''}${b.isUsableOnce === true ? ', usable once' : ''}${rid(a)}.`,
        says: {
          what: 'issueTap.done',
          values: {
            name: n,
            minutes: typeof b.lifetimeInMinutes === 'number' ? String(b.lifetimeInMinutes) : 'none',
            once: b.isUsableOnce === true ? 'yes' : 'no',
            requestId: a.requestId ?? 'none',
          },
        },
        ...(a.requestId ? { requestId: a.requestId } : {}),
        tap: {
          value: b.temporaryAccessPass,
          ...(typeof b.lifetimeInMinutes === 'number' ? { lifetimeInMinutes: b.lifetimeInMinutes } : {}),
          ...(typeof b.startDateTime === 'string' ? { startDateTime: b.startDateTime } : {}),
          ...(typeof b.isUsableOnce === 'boolean' ? { isUsableOnce: b.isUsableOnce } : {}),
        },
      };
    }
    case 'confirmCompromised':
    case 'dismissRisk': {
      const read = await graph('GET', `/identityProtection/riskyUsers/${user}?$select=id,riskState,riskLevel`);
      // 404: Identity Protection has no risk record for the user; confirming still makes one, dismissing has nothing to do.
      if (!ok(read) && read.status !== 404) return notDone(`read ${n}'s user risk`, 'readRisk', n, read);
      const state = ok(read) ? String((read.body as { riskState?: unknown }).riskState ?? 'none') : 'none';
      if (id === 'confirmCompromised' && state === 'confirmedCompromised')
        return {
          status: 'already',
          sentence: `${n} is already confirmed compromised in Identity Protection: nothing was sent.`,
          says: { what: 'confirmCompromised.already', values: { name: n } },
        };
      if (id === 'dismissRisk' && state !== 'atRisk')
        return {
          status: 'already',
          sentence: `${n} has no user risk to dismiss (Identity Protection says "${state}"): nothing was sent.`,
          says: { what: 'dismissRisk.already', values: { name: n, state } },
        };
      const a = await graph('POST', `/identityProtection/riskyUsers/${id === 'confirmCompromised' ? 'confirmCompromised' : 'dismiss'}`, {
        userIds: [target.id],
      });
      if (!ok(a))
        return id === 'confirmCompromised'
          ? notDone(`confirm ${n} compromised`, 'confirmCompromised', n, a)
          : notDone(`dismiss ${n}'s user risk`, 'dismissRisk', n, a);
      return {
        status: 'done',
        sentence:
          id === 'confirmCompromised'
            ? `Confirmed ${n} compromised in Identity Protection${rid(a)}: their user risk is now high, and risk policies act on it.`
            : `Dismissed ${n}'s user risk${rid(a)}.`,
        says: { what: id === 'confirmCompromised' ? 'confirmCompromised.done' : 'dismissRisk.done', values: { name: n, requestId: a.requestId ?? 'none' } },
        ...(a.requestId ? { requestId: a.requestId } : {}),
      };
    }
  }
}

/** The directory roles a person holds (directly or through groups): the two-person rule asks for approval for them. */
export async function directoryRoles(graph: DelegatedGraph, userId: string): Promise<string[] | undefined> {
  const a = await graph('GET', `/users/${segment(userId)}/transitiveMemberOf/microsoft.graph.directoryRole?$select=displayName,roleTemplateId`);
  if (!ok(a)) return undefined;
  return ((a.body as { value?: { displayName?: unknown }[] }).value ?? []).map((r) => String(r.displayName ?? 'a directory role'));
}
