/**
 * Microsoft Graph with the presser's delegated token: a handful of reads and writes, no
 * retries (a write is never sent twice by this code), the status, body and `request-id`
 * header kept for the outcome and the audit trail. The token goes only to GRAPH_BASE.
 */
export const GRAPH_BASE = 'https://graph.microsoft.com/v1.0';

export interface GraphAnswer {
  status: number;
  body: unknown;
  /** Graph's `request-id` header: what Microsoft support asks for. */
  requestId?: string;
}

export type DelegatedGraph = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<GraphAnswer>;

/** Only ids reach a path segment (a GUID or an address-shaped name), fully percent-encoded. */
export const segment = (id: string): string => {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) && !/^[^\s/@]+@[^\s/@]+$/.test(id)) throw new Error('not a user id');
  return encodeURIComponent(id);
};

export function delegatedGraph(token: string, fetchFn: typeof fetch = fetch, timeoutMs = 30_000): DelegatedGraph {
  return async (method, path, body) => {
    const res = await fetchFn(`${GRAPH_BASE}${path}`, {
      method,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, requestId: res.headers.get('request-id') ?? undefined };
  };
}

/** Graph's own words for a refusal: `error.message`, with its code ("Authorization_RequestDenied"). */
export function graphReason(a: GraphAnswer): string {
  const e = (a.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  const message = typeof e?.message === 'string' ? e.message.slice(0, 300) : `HTTP ${a.status}`;
  return typeof e?.code === 'string' ? `${message} (${e.code.slice(0, 80)})` : message;
}
