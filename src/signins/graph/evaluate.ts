import { z } from 'zod';
import type { WhatIfApiResult, WhatIfRequest } from '../source.ts';
import { GraphError, type GraphClient } from './graph-client.ts';

/**
 * Microsoft's What If API: POST /v1.0/identity/conditionalAccess/evaluate. The answer is a
 * collection of whatIfAnalysisResult (the policy plus policyApplies and analysisReasons, a
 * flags enum serialised as a comma-separated string).
 */
const WhatIfAnalysisResult = z
  .object({
    id: z.string(),
    displayName: z.string().nullish(),
    state: z.string().nullish(),
    policyApplies: z.boolean(),
    analysisReasons: z.string().nullish(),
  })
  .passthrough();
const EvaluateResponse = z.object({ value: z.array(z.unknown()) }).passthrough();

export async function evaluateWhatIf(client: GraphClient, request: WhatIfRequest): Promise<WhatIfApiResult[] | undefined> {
  const raw = await client.post<unknown>('/v1.0/identity/conditionalAccess/evaluate', request);
  if (raw === undefined) return undefined;
  const list = EvaluateResponse.safeParse(raw);
  if (!list.success)
    throw new GraphError(
      502,
      'UnexpectedShape',
      'conditionalAccess/evaluate answered without a value list',
      'Microsoft’s What If API answered with something that is not a list of policies.',
    );
  // A malformed entry is skipped, not fatal: the comparison says which policies it could not check.
  return list.data.value.flatMap((v) => {
    const r = WhatIfAnalysisResult.safeParse(v);
    if (!r.success) return [];
    return [
      {
        id: r.data.id,
        displayName: r.data.displayName ?? r.data.id,
        state: r.data.state ?? 'unknown',
        policyApplies: r.data.policyApplies,
        analysisReasons: (r.data.analysisReasons ?? 'notSet')
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      },
    ];
  });
}
