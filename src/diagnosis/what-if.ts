import type { ConditionalAccessPolicy, NamedLocation } from '../signins/directory.ts';
import { evaluatePolicy, type EvalContext } from './ca-evaluator.ts';
import { grantOf } from './policies.ts';
import { chain, grantMsg, requirementMsg, requirementWords } from './words.ts';
import { msg, regionOf, render, type Message, type MessageValue } from '../i18n/message.ts';
import { scenarioOf } from './scenarios/index.ts';
import type { ConditionVerdict } from './diagnosis-parts.ts';

/**
 * What Conditional Access would do with a sign-in that has not happened: every policy's
 * verdict and reasons, and the outcome. Enabled policies decide; report-only ones are shown
 * for what they would do; disabled ones never apply.
 */
export interface Satisfies {
  mfa?: boolean;
  compliantDevice?: boolean;
  domainJoinedDevice?: boolean;
  approvedApplication?: boolean;
  compliantApplication?: boolean;
}

export interface WhatIfPolicy {
  id: string;
  displayName: string;
  state: string;
  applies: boolean | undefined;
  grants: string[];
  operator: string | null;
  /** The grant controls of an applying policy that this sign-in would not meet. */
  unmet: string[];
  conditions: ConditionVerdict[];
}

export type WhatIfOutcome = 'blocked' | 'requires' | 'allowed' | 'unknown';

export interface WhatIfResult {
  outcome: WhatIfOutcome;
  /** One sentence: "Blocked by …", "Allowed once the user completes MFA", "Allowed: no policy applies". */
  summary: string;
  /** The same sentence as a message, for the reader's language; `summary` is its English. */
  summaryMsg?: Message;
  policies: WhatIfPolicy[];
}

function unmetGrants(grants: string[], operator: string | null, s: Satisfies): string[] {
  const controls = grants.filter((g) => g !== 'block');
  if (!controls.length) return [];
  const met = (g: string) => (s as Record<string, boolean | undefined>)[g] === true;
  if ((operator ?? 'OR').toUpperCase() === 'AND') return controls.filter((g) => !met(g));
  return controls.some(met) ? [] : controls;
}

export function whatIf(policies: ConditionalAccessPolicy[], ctx: EvalContext, satisfies: Satisfies, namedLocations?: NamedLocation[]): WhatIfResult {
  const results: WhatIfPolicy[] = policies.map((p) => {
    const e = evaluatePolicy(p, ctx, { namedLocations });
    const grants = (p.grantControls?.builtInControls ?? []).map(grantOf);
    const operator = p.grantControls?.operator ?? null;
    return {
      id: p.id,
      displayName: p.displayName,
      state: p.state,
      applies: p.state === 'disabled' ? false : e.applies,
      grants,
      operator,
      unmet: e.applies ? unmetGrants(grants, operator, satisfies) : [],
      conditions: e.conditions,
    };
  });
  const enforced = results.filter((r) => r.state === 'enabled');
  // Each name in the language's quotation marks ("CA001", „CA001“, « CA001 », 「CA001」), joined by commas.
  const names = (l: WhatIfPolicy[]) =>
    chain(
      'engine.policy.join.comma',
      l.map((r) => msg('engine.whatIf.quoted', { name: r.displayName })),
    );
  const blockers = enforced.filter((r) => r.applies && r.grants.includes('block'));
  const unknown = enforced.filter((r) => r.applies === undefined);
  const requiring = enforced.filter((r) => r.applies && r.unmet.length);
  let outcome: WhatIfOutcome;
  let summaryMsg: Message;
  if (blockers.length) {
    outcome = 'blocked';
    summaryMsg = msg('engine.whatIf.summary.blocked', { names: names(blockers) });
  } else if (requiring.length) {
    outcome = 'requires';
    // The same requirement of two policies is said once (by its English words, which name it exactly).
    const reqs = new Map<string, MessageValue>();
    for (const r of requiring) {
      const english = requirementWords(r.unmet, r.operator);
      if (!reqs.has(english)) reqs.set(english, requirementMsg(r.unmet, r.operator) ?? '');
    }
    summaryMsg = msg('engine.whatIf.summary.requires', { reqs: chain('engine.whatIf.join.commaAnd', [...reqs.values()]), names: names(requiring) });
  } else if (unknown.length) {
    outcome = 'unknown';
    summaryMsg = msg('engine.whatIf.summary.unknown', { names: names(unknown) });
  } else {
    outcome = 'allowed';
    const applying = enforced.filter((r) => r.applies);
    const reqs = [...new Set(applying.flatMap((r) => r.grants))].map(grantMsg);
    summaryMsg = applying.length
      ? msg('engine.whatIf.summary.allowed', {
          names: names(applying),
          count: applying.length,
          reqCount: reqs.length,
          reqs: chain('engine.policy.join.comma', reqs),
        })
      : msg('engine.whatIf.summary.noPolicy');
  }
  // Enforced first, then report-only, then the ones that do not apply.
  const rank = (r: WhatIfPolicy) => (r.state === 'disabled' ? 4 : r.applies === false ? 3 : r.state === 'enabled' ? 0 : 1);
  return {
    outcome,
    summary: render('en', summaryMsg),
    summaryMsg,
    policies: results.sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName)),
  };
}

/** The change of a what-if, as the conversation reads it (kept structural here: no import of conversation/). */
export interface ContextChange {
  platform?: EvalContext['platform'];
  device?: 'unmanaged' | 'compliant' | 'hybrid' | 'registered';
  network?: 'trusted' | 'untrusted';
  country?: string;
  client?: EvalContext['clientAppType'];
  mfa?: boolean;
  risk?: string;
  /** The app is protected by an Intune app protection policy (Outlook mobile and the like). */
  appProtection?: boolean;
  /** The app is an approved client app. */
  approvedApp?: boolean;
}

const TRUST_TYPE = { compliant: 'Azure AD joined', hybrid: 'Hybrid Azure AD joined', registered: 'Azure AD registered', unmanaged: '' } as const;

/** The first usable address of a trusted IP location; for "untrusted", an address in none (TEST-NET-2). */
function addressFor(network: 'trusted' | 'untrusted', namedLocations: NamedLocation[] | undefined): string | undefined {
  if (network === 'untrusted') return '198.18.0.10';
  const range = namedLocations?.find((n) => n.isTrusted && n.ipRanges?.length)?.ipRanges?.[0]?.cidrAddress;
  if (!range) return undefined;
  const [net] = range.split('/');
  const parts = net!.split('.').map(Number);
  if (parts.length !== 4) return undefined;
  parts[3] = Math.min(254, parts[3]! + 10);
  return parts.join('.');
}

/** A sign-in context with one thing (or a few) changed, and the controls it would then satisfy. */
export function applyChange(
  base: EvalContext,
  baseSatisfies: Satisfies,
  change: ContextChange,
  namedLocations?: NamedLocation[],
): { ctx: EvalContext; satisfies: Satisfies } {
  const ctx: EvalContext = { ...base, device: { ...(base.device ?? {}) } };
  const satisfies: Satisfies = { ...baseSatisfies };
  if (change.platform) {
    ctx.platform = change.platform;
    ctx.device!.operatingSystem =
      change.platform === 'iOS'
        ? 'iOS'
        : change.platform === 'android'
          ? 'Android'
          : change.platform === 'macOS'
            ? 'MacOs'
            : change.platform === 'linux'
              ? 'Linux'
              : 'Windows';
  }
  if (change.device) {
    const compliant = change.device === 'compliant' || change.device === 'hybrid';
    ctx.device = {
      ...ctx.device,
      isCompliant: compliant,
      trustType: TRUST_TYPE[change.device],
      deviceId: change.device === 'unmanaged' ? '' : ctx.device?.deviceId || 'what-if-device',
    };
    satisfies.compliantDevice = compliant;
    satisfies.domainJoinedDevice = change.device === 'hybrid';
  }
  if (change.network) {
    const ip = addressFor(change.network, namedLocations);
    if (ip) ctx.ip = ip;
    else if (change.network === 'untrusted') ctx.ip = '198.18.0.10';
  }
  if (change.country) ctx.country = change.country;
  if (change.client) ctx.clientAppType = change.client;
  if (change.mfa !== undefined) satisfies.mfa = change.mfa;
  if (change.risk) ctx.signInRisk = change.risk;
  if (change.appProtection !== undefined) satisfies.compliantApplication = change.appProtection;
  if (change.approvedApp !== undefined) satisfies.approvedApplication = change.approvedApp;
  return { ctx, satisfies };
}

/**
 * The fix a diagnosis card offers to preview, as words the what-if parser reads. With the
 * diagnosis's own preview (previewFix), its words; without it, the scenario's `fix`, which
 * offers only the changes that cannot be wrong (see the scenario modules).
 */
export function fixToPreview(scenario: string, failedGrants: string[], preview?: { words: string }): string | undefined {
  if (preview) return preview.words;
  return scenarioOf(scenario)?.fix?.(failedGrants);
}

export interface FixPreview {
  /** "from the United States", "in an app with app protection", "in a browser and with no risk". */
  words: string;
  /** The words as a message, for the reader's language; `words` stays English (the what-if button sends them, the parser reads them). */
  wordsMsg?: Message;
  /** The same as a structured change, for applyChange (the parser does not read every fix). */
  change: ContextChange;
  /** One change clears it; false when only the changes together would (or none does). */
  single: boolean;
  outcome: WhatIfOutcome;
  summary: string;
  summaryMsg?: Message;
}

interface Candidate {
  words: string;
  wordsMsg: Message;
  change: ContextChange;
}

/** chain() of messages is a message (one item is itself). */
const chainMessage = (key: Parameters<typeof chain>[0], items: Message[]): Message => chain(key, items) as Message;

const candidate = (m: Message, change: ContextChange): Candidate => ({ words: render('en', m), wordsMsg: m, change });

/** What each failing policy needs changed, from its definition and grants. */
function candidatesFor(def: ConditionalAccessPolicy, base: EvalContext, named: NamedLocation[] | undefined, usualCountry: string | undefined): Candidate[] {
  const grants = (def.grantControls?.builtInControls ?? []).map(grantOf);
  const k = def.conditions;
  const out: Candidate[] = [];
  if (grants.includes('compliantApplication')) out.push(candidate(msg('engine.whatIf.fix.appProtection'), { appProtection: true }));
  if (grants.includes('approvedApplication')) out.push(candidate(msg('engine.whatIf.fix.approvedApp'), { approvedApp: true }));
  if (grants.includes('compliantDevice')) out.push(candidate(msg('engine.whatIf.fix.compliantDevice'), { device: 'compliant' }));
  else if (grants.includes('domainJoinedDevice')) out.push(candidate(msg('engine.whatIf.fix.hybridDevice'), { device: 'hybrid' }));
  if (grants.includes('mfa')) out.push(candidate(msg('engine.whatIf.fix.mfa'), { mfa: true }));
  if (!grants.includes('block')) return out;
  // A block is cleared by leaving one of its conditions.
  if ((k.signInRiskLevels ?? []).length && base.signInRisk && k.signInRiskLevels!.includes(base.signInRisk))
    out.push(candidate(msg('engine.whatIf.fix.noRisk'), { risk: 'none' }));
  if ((k.clientAppTypes ?? []).some((c) => c !== 'all' && c !== 'browser' && c !== 'mobileAppsAndDesktopClients'))
    out.push(candidate(msg('engine.whatIf.fix.browser'), { client: 'browser' }));
  const locations = k.locations;
  if (locations) {
    const excluded = (locations.excludeLocations ?? []).map((id) => named?.find((n) => n.id === id)).filter((n): n is NamedLocation => !!n);
    const countries = excluded.flatMap((n) => n.countriesAndRegions ?? []);
    if (countries.length) {
      const c = usualCountry && countries.includes(usualCountry) ? usualCountry : countries[0]!;
      // The country is a value the reader's language names ("from Germany", "depuis l’Allemagne"); its English is what the button sends.
      out.push(candidate(msg('engine.whatIf.fix.country', { country: regionOf(c, true) }), { country: c }));
    } else if ((locations.excludeLocations ?? []).some((x) => x === 'AllTrusted') || excluded.some((n) => n.isTrusted)) {
      // An office address with the office's country, never with the country of the failed attempt.
      out.push(candidate(msg('engine.whatIf.fix.officeNetwork'), { network: 'trusted', ...(usualCountry ? { country: usualCountry } : {}) }));
    }
  }
  return out;
}

/**
 * The preview a diagnosis offers: the change that would let this sign-in through, checked
 * by evaluating every policy with it. One change when one is enough; otherwise the changes
 * together, and said so. Undefined when nothing in the failing policies can be changed by
 * the user (a block on who they are).
 */
export function previewFix(
  failing: ConditionalAccessPolicy[],
  all: ConditionalAccessPolicy[],
  base: EvalContext,
  satisfies: Satisfies,
  named: NamedLocation[] | undefined,
  usualCountry: string | undefined,
): FixPreview | undefined {
  const seen = new Set<string>();
  const candidates = failing.flatMap((p) => candidatesFor(p, base, named, usualCountry)).filter((c) => !seen.has(c.words) && seen.add(c.words));
  if (!candidates.length) return undefined;
  const run = (change: ContextChange) => {
    const { ctx, satisfies: s } = applyChange(base, satisfies, change, named);
    return whatIf(all, ctx, s, named);
  };
  for (const c of candidates) {
    const r = run(c.change);
    if (r.outcome === 'allowed')
      return { words: c.words, wordsMsg: c.wordsMsg, change: c.change, single: true, outcome: r.outcome, summary: r.summary, summaryMsg: r.summaryMsg };
  }
  const together: ContextChange = Object.assign({}, ...candidates.map((c) => c.change));
  const r = run(together);
  const wordsMsg = chainMessage(
    'engine.policy.join.and',
    candidates.map((c) => c.wordsMsg),
  );
  const summaryMsg = r.outcome === 'allowed' ? msg('engine.whatIf.summary.together', { summary: r.summaryMsg ?? r.summary }) : r.summaryMsg;
  return {
    words: candidates.map((c) => c.words).join(' and '),
    wordsMsg,
    change: together,
    single: candidates.length === 1,
    outcome: r.outcome,
    summary: summaryMsg ? render('en', summaryMsg) : r.summary,
    ...(summaryMsg ? { summaryMsg } : {}),
  };
}
