/**
 * Request ids the hub trusts (design §4, §6). The audit key of an access-log row is an id
 * the hub generated, never one a caller chose: a caller could otherwise bloat the log, or
 * file its reads under another request's id. A caller's own X-Request-Id is kept beside it
 * as a reference, when it has a bounded, safe form.
 *
 * The rule between the gateway and the subgraphs: a subgraph cannot tell our gateway from a
 * direct caller or a foreign router by the headers alone, so the gateway signs the id it
 * generated (HMAC with a secret only the hub's processes share, over the id and the time).
 * A subgraph keys its rows with that id only when the signature holds and is fresh, so one
 * gateway request has one key in all five subgraphs' rows; otherwise (a direct call, Hive
 * Gateway, Apollo Router, a stale or forged signature) it generates an id of its own and
 * keeps the incoming X-Request-Id as the reference.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/** The form a caller's own request id must have to be kept: bounded, nothing a log viewer could misread. */
export const REQUEST_REFERENCE_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

/** Headers the gateway adds for the subgraphs: the caller's reference and the signature over the hub's id. */
export const CLIENT_REQUEST_ID_HEADER = 'x-client-request-id';
export const HUB_REQUEST_SIGNATURE_HEADER = 'x-hub-request-signature';

/** How long a signed id may travel from the gateway to a subgraph. */
const SIGNATURE_FRESH_SECONDS = 120;

/** A caller's X-Request-Id when it has the safe form; anything else is dropped. */
export function acceptedRequestReference(value: string | undefined): string | undefined {
  return value !== undefined && REQUEST_REFERENCE_PATTERN.test(value) ? value : undefined;
}

const mac = (secret: string, requestId: string, issuedAt: number) =>
  createHmac('sha256', secret).update(`${requestId}\n${issuedAt}`).digest('base64url');

/** The gateway's side: a fresh id, and the headers that carry it (and the caller's reference) to the subgraphs. */
export function hubRequestHeaders(secret: string | undefined, requestId: string, clientRequestId: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'x-request-id': requestId };
  if (clientRequestId) headers[CLIENT_REQUEST_ID_HEADER] = clientRequestId;
  if (secret) {
    const issuedAt = Math.floor(Date.now() / 1000);
    headers[HUB_REQUEST_SIGNATURE_HEADER] = `${issuedAt}.${mac(secret, requestId, issuedAt)}`;
  }
  return headers;
}

/** The subgraph's side: the audit key and the reference to keep beside it. */
export function requestIdsOf(
  secret: string | undefined,
  header: (name: string) => string | undefined,
): { requestId: string; clientRequestId?: string } {
  const incoming = acceptedRequestReference(header('x-request-id'));
  if (secret && incoming && signedByHub(secret, incoming, header(HUB_REQUEST_SIGNATURE_HEADER))) {
    return { requestId: incoming, clientRequestId: acceptedRequestReference(header(CLIENT_REQUEST_ID_HEADER)) };
  }
  return { requestId: randomUUID(), clientRequestId: incoming };
}

function signedByHub(secret: string, requestId: string, signature: string | undefined): boolean {
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(signature ?? '');
  if (!match) return false;
  const issuedAt = Number(match[1]);
  if (Math.abs(Date.now() / 1000 - issuedAt) > SIGNATURE_FRESH_SECONDS) return false;
  const expected = Buffer.from(mac(secret, requestId, issuedAt));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
