/**
 * The open-data feed (Art. 44): public record changes after a cursor, for registered credit
 * service agencies. Pages are taken in (transaction, seq) order and only from transactions
 * older than every transaction still running, so a change that commits late is never
 * skipped by a cursor that has moved past it, and no change is given twice.
 */
import { errors } from '@credit-hub/schema';
import type { SubgraphContext } from '@credit-hub/runtime';

type Context = SubgraphContext<unknown>;

export const MAX_FEED_PAGE = 500;

const encode = (txid: string, seq: string) => Buffer.from(`${txid}:${seq}`).toString('base64url');

function decode(cursor: string): [string, string] {
  const [txid, seq] = Buffer.from(cursor, 'base64url').toString().split(':');
  if (!txid || !seq || !/^\d+$/.test(txid) || !/^\d+$/.test(seq)) {
    throw errors.badUserInput('after is not a cursor of this feed.', { argument: 'after' });
  }
  return [txid, seq];
}

export async function openDataFeed(context: Context, args: { after?: string | null; first: number }) {
  const { caller } = context.identity;
  const registered =
    caller.role === 'PLATFORM_OPERATOR' ||
    (caller.role === 'CREDIT_SERVICE_AGENCY' && caller.sub !== null && (await context.db('credit_service_agencies').where('id', caller.sub).first('id')));
  if (!registered) {
    throw errors.forbidden('The open-data feed is for registered credit service agencies (Art. 44).', {
      reason: 'NOT_REGISTERED',
      purpose: context.identity.purpose,
      article: 'Art. 44',
    });
  }
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_FEED_PAGE) {
    throw errors.badUserInput(`first must be between 1 and ${MAX_FEED_PAGE}, got ${args.first}.`, { argument: 'first' });
  }
  const [txid, seq] = args.after ? decode(args.after) : ['0', '0'];
  const rows = (await context.db('record_changes')
    .select('seq', context.db.raw('txid::text as txid'), 'record_type as recordType', 'record_id as recordId', 'subject_id as subjectId', 'tombstone', 'changed_at as changedAt')
    .whereRaw('(txid, seq) > (?::xid8, ?::bigint)', [txid, seq])
    .whereRaw('txid < pg_snapshot_xmin(pg_current_snapshot())')
    // Art. 36, 42: a listing not yet published is not in the feed, not even as a tombstone (its
    // existence is unpublished information). Its publication is a change of its own, so an
    // agency walking the feed learns of it then.
    .whereRaw(
      `not exists (select 1 from serious_dishonesty_listings l where record_changes.record_type = 'SeriousDishonestyListing'
         and l.id = record_changes.record_id and (l.published_on is null or l.published_on > ?::date))
       and not exists (select 1 from incentive_listings l where record_changes.record_type = 'IncentiveListing'
         and l.id = record_changes.record_id and (l.published_on is null or l.published_on > ?::date))`,
      [context.today, context.today],
    )
    .orderBy([{ column: 'txid' }, { column: 'seq' }])
    .limit(args.first + 1)) as Array<{ seq: string; txid: string; recordType: string; recordId: string; subjectId: string; tombstone: boolean; changedAt: Date }>;
  const page = rows.slice(0, args.first);
  const last = page.at(-1);
  return {
    entries: page.map((row) => ({ ...row, cursor: encode(row.txid, row.seq) })),
    endCursor: last ? encode(last.txid, last.seq) : (args.after ?? null),
    hasMore: rows.length > args.first,
  };
}
