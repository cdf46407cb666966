/**
 * Government integrity (Art. 12-13): a government body that defaults on a payment owed to
 * an enterprise past its term gets a government dishonesty record. The contract is read
 * from the finance subgraph on the caller's token, which answers whether it binds the body
 * and is in default now (not removed on objection, Art. 39). One record per contract,
 * whichever mutation records it (Art. 33: one act, one record): recorded again, here or
 * through recordDishonesty, the answer is the record already made.
 */
import { errors, type SubgraphName } from '@credit-hub/schema';
import { callSubgraph, type SubgraphContext } from '@credit-hub/runtime';
import { dishonestyRecordsById } from '../store/index.js';
import { CONTRACT_LOOKUP, checkInSector } from './basis.js';
import { agencyOf, insertOnce } from './dishonesty.js';
import { addMonths, requireActor } from './rules.js';

const CONTRACT = `query($n: String!) { governmentContract(contractNumber: $n) {
  contractNumber title dueOn overdueAmount agency { id } enterprise { id } } }`;

const LEGAL_BASIS = '《保障中小企业款项支付条例》第八条、第十五条；《内蒙古自治区社会信用条例》第十二条、第十三条';

export async function recordGovernmentDefault(
  context: SubgraphContext<unknown>,
  contractNumber: string,
  urlOf: (name: SubgraphName) => string | undefined,
) {
  requireActor(context, {
    roles: ['PLATFORM_OPERATOR', 'SECTOR_AGENCY'],
    sectors: ['FINANCE'],
    purposes: ['JOINT_PUNISHMENT', 'REGULATORY_SUPERVISION'],
    article: 'Art. 13',
    step: 'Recording a government default',
  });
  const url = urlOf('finance');
  if (!url) throw errors.procedureViolation('The finance subgraph, which holds government contracts, is not reachable.', 'Art. 13');
  const identity = { authorization: context.authorization, purpose: context.identity.purpose, requestHeaders: context.requestHeaders };
  const answer = await callSubgraph<any>(url, CONTRACT, { n: contractNumber.trim() }, identity);
  const contract = answer.data?.governmentContract;
  if (!contract) throw errors.procedureViolation(`No government contract numbered ${contractNumber} in the finance subgraph.`, 'Art. 13');
  if (!(Number(contract.overdueAmount) > 0 && contract.dueOn < context.today)) {
    throw errors.procedureViolation(`Contract ${contractNumber} has nothing overdue past its term (${contract.dueOn}): no default (Art. 12).`, 'Art. 12');
  }
  const agency = await context.db('subjects').where('id', contract.agency.id).first('id', 'kind', 'name');
  if (!agency || agency.kind !== 'GOVERNMENT_AGENCY') {
    throw errors.procedureViolation(`The debtor ${contract.agency.id} of contract ${contractNumber} is not a registered government body.`, 'Art. 12');
  }
  // Finance answers, as for any basis, that the contract binds the body and stands (not removed on objection).
  await checkInSector(CONTRACT_LOOKUP, 'government contract', contract.contractNumber, agency.id, { urlOf, identity, today: context.today, db: context.db });
  const id = await insertOnce(
    context.db,
    agency.id,
    contract.contractNumber,
    (trx) =>
      trx('dishonesty_records')
        .insert({
          subject_id: agency.id,
          summary: `拖欠企业账款：${contract.title}（逾期${contract.overdueAmount}元）`,
          severity: 'GENERAL',
          owning_sector: 'FINANCE',
          basis_kind: 'OTHER_LEGAL_DOCUMENT',
          basis_document_number: contract.contractNumber,
          basis_sector: 'FINANCE',
          legal_basis: LEGAL_BASIS,
          notice_nature: '政务失信：机关、事业单位拖欠企业账款',
          notice_reason: `合同${contract.contractNumber}约定的款项于${contract.dueOn}到期，逾期未支付${contract.overdueAmount}元`,
          notice_basis: `${LEGAL_BASIS}；${contract.contractNumber}`,
          notice_removal_conditions: '支付全部逾期款项及利息后申请移出；公示期满自动移出',
          notice_remedies: '可依《内蒙古自治区社会信用条例》第三十九条提出异议，或依法申请行政复议',
          notice_lifting_conditions: '清偿拖欠账款后解除相关措施',
          notice_served_at: new Date(),
          decided_on: context.today,
          disclosure_until: addMonths(context.today, 12),
          source_agency: agencyOf('FINANCE'),
          source_system: '政府合同履约监测',
        })
        .returning('id')
        .then(([row]) => String(row.id)),
    // Once per contract: recorded again, it is the record already made.
    (existing) => existing,
  );
  const [record] = await dishonestyRecordsById(context.db, [id]);
  return record;
}
