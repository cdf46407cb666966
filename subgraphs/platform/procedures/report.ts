/**
 * The credit report (Art. 38, 44): the platform asks every sector subgraph for the
 * subject's records on the caller's own token and purpose, so each sector applies the
 * policy and audits the disclosure itself; what a caller may not see is listed as withheld.
 *
 * Its verification code is an HMAC under the platform's own key over exactly what this
 * caller is shown (the name as masked for it, the sections as shown): nothing hidden goes
 * into it, and without the key nobody can recompute it over guessed values (design §5,
 * Art. 24, 42). Whether a copy is genuine is asked of the platform (`verifyCreditReport`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { decideField, factsOfRow, maskValue, SUBGRAPHS, type SubgraphName } from '@credit-hub/schema';
import { callSubgraph, type SubgraphContext } from '@credit-hub/runtime';
import { fieldAccess } from './access.js';

type Context = SubgraphContext<unknown>;
type Entry = { label: string; value: string; source: string };

const src = (source: { agency: string; system: string } | null | undefined) => (source ? `${source.agency} · ${source.system}` : '');
/** Art. 39: a record under objection says so wherever it is shown, the report included. */
export const objected = (record: { underObjection?: boolean | null }) => (record.underObjection ? '（异议处理中）' : '');

/** Per sector: the selection, and how its answer becomes report lines. */
const SECTIONS: Array<{ subgraph: SubgraphName; selection: string; entries: (subject: any) => Entry[] }> = [
  {
    subgraph: 'courts',
    selection: `judgments { documentNumber court caseCause effectiveOn underObjection source { agency system } }
      enforcementCases { caseNumber court status amountDue underObjection source { agency system } }
      dishonestJudgmentDebtor { caseNumber court publishedOn underObjection source { agency system } }`,
    entries: (s) => [
      ...(s.judgments ?? []).map((j: any) => ({ label: '裁判文书', value: `${j.documentNumber} ${j.court} ${j.caseCause}（${j.effectiveOn}生效）${objected(j)}`, source: src(j.source) })),
      ...(s.enforcementCases ?? []).map((e: any) => ({ label: '执行案件', value: `${e.caseNumber} ${e.court} ${e.status} 标的${e.amountDue}元${objected(e)}`, source: src(e.source) })),
      ...(s.dishonestJudgmentDebtor ? [{ label: '失信被执行人', value: `${s.dishonestJudgmentDebtor.caseNumber}（${s.dishonestJudgmentDebtor.publishedOn}公布）${objected(s.dishonestJudgmentDebtor)}`, source: src(s.dishonestJudgmentDebtor.source) }] : []),
    ],
  },
  {
    subgraph: 'market',
    selection: `registration { name status establishedOn registeredCapital underObjection source { agency system } }
      administrativePenalties { decisionNumber violation decidedOn underObjection source { agency system } }
      abnormalOperations { reason listedOn removedOn underObjection source { agency system } }`,
    entries: (s) => [
      ...(s.registration ? [{ label: '登记信息', value: `${s.registration.name} ${s.registration.status} 成立于${s.registration.establishedOn} 注册资本${s.registration.registeredCapital}元${objected(s.registration)}`, source: src(s.registration.source) }] : []),
      ...(s.administrativePenalties ?? []).map((p: any) => ({ label: '行政处罚', value: `${p.decisionNumber} ${p.violation}（${p.decidedOn}）${objected(p)}`, source: src(p.source) })),
      ...(s.abnormalOperations ?? []).map((a: any) => ({ label: '经营异常', value: `${a.reason}（${a.listedOn}列入${a.removedOn ? `，${a.removedOn}移出` : ''}）${objected(a)}`, source: src(a.source) })),
    ],
  },
  {
    subgraph: 'social-security',
    selection: `socialInsurance { status lastPaidPeriod underObjection source { agency system } } wageArrears { caseNumber amount status underObjection source { agency system } }`,
    entries: (s) => [
      ...(s.socialInsurance ? [{ label: '社会保险', value: `${s.socialInsurance.status}，缴至${s.socialInsurance.lastPaidPeriod}${objected(s.socialInsurance)}`, source: src(s.socialInsurance.source) }] : []),
      ...(s.wageArrears ?? []).map((w: any) => ({ label: '拖欠工资', value: `${w.caseNumber} ${w.amount}元 ${w.status}${objected(w)}`, source: src(w.source) })),
    ],
  },
  {
    subgraph: 'finance',
    selection: `procurementRecords { projectName role badConduct underObjection source { agency system } }
      governmentContracts { contractNumber title status overdueAmount underObjection source { agency system } }
      financialCredit { loanCount overdueCount worstClassification underObjection source { agency system } }`,
    entries: (s) => [
      ...(s.procurementRecords ?? []).map((p: any) => ({ label: '政府采购', value: `${p.projectName} ${p.role}${p.badConduct ? ` 不良行为：${p.badConduct}` : ''}${objected(p)}`, source: src(p.source) })),
      ...(s.governmentContracts ?? []).map((c: any) => ({ label: '政府合同', value: `${c.contractNumber} ${c.title} ${c.status} 逾期${c.overdueAmount}元${objected(c)}`, source: src(c.source) })),
      ...(s.financialCredit ? [{ label: '金融信用', value: `贷款${s.financialCredit.loanCount}笔，逾期${s.financialCredit.overdueCount}笔，最差分类${s.financialCredit.worstClassification}${objected(s.financialCredit)}`, source: src(s.financialCredit.source) }] : []),
    ],
  },
];

/** The classification of `CreditReport.subjectName`, as the middleware enforces it. */
const SUBJECT_NAME_ACCESS = fieldAccess('CreditReport', 'subjectName');

/**
 * The subject's name as this caller is shown it in the report: the same decision the field
 * middleware takes on the same facts (masked, or null when denied), so the code covers what
 * the caller reads and never the hidden name.
 */
function nameAsShown(context: Context, subject: Record<string, unknown> & { name: string }): string | null {
  const decision = decideField(SUBJECT_NAME_ACCESS, context.policy, factsOfRow(subject, context.today));
  if (!decision.allow) return null;
  return decision.masked ? (maskValue(subject.name) as string | null) : subject.name;
}

export interface ReportContent {
  subjectId: string;
  subjectName: string | null;
  generatedAt: string;
  sections: Array<{
    sector?: string | null;
    agency?: string | null;
    entries?: Array<{ label?: string | null; value?: string | null; source?: string | null }> | null;
    withheld?: Array<string | null> | null;
  }>;
}

/** One text per report content: fixed key order, absent and null alike (what the code is computed over). */
export function canonical(report: ReportContent): string {
  return JSON.stringify({
    v: 1,
    subject: report.subjectId,
    name: report.subjectName ?? null,
    generatedAt: report.generatedAt,
    sections: report.sections.map((section) => ({
      sector: section.sector ?? null,
      agency: section.agency ?? null,
      entries: (section.entries ?? []).map((entry) => ({ label: entry.label ?? null, value: entry.value ?? null, source: entry.source ?? null })),
      withheld: section.withheld ?? [],
    })),
  });
}

/** HMAC-SHA256 (hex) of the content under the platform's key. */
export const verificationCode = (key: string, report: ReportContent) => createHmac('sha256', key).update(canonical(report)).digest('hex');

/** Whether the code is the one the platform gives this content: a yes or no, nothing else. */
export function verifyReport(key: string, report: ReportContent & { verificationHash: string }): boolean {
  const expected = Buffer.from(verificationCode(key, report), 'hex');
  const given = /^[0-9a-fA-F]{64}$/.test(report.verificationHash) ? Buffer.from(report.verificationHash, 'hex') : null;
  return given !== null && timingSafeEqual(expected, given);
}

export async function creditReport(
  context: Context,
  subject: Record<string, unknown> & { id: string; name: string },
  verificationKey: string,
  platformEntries: Entry[],
  urlOf: (name: SubgraphName) => string | undefined,
) {
  const identity = { authorization: context.authorization, purpose: context.identity.purpose, requestHeaders: context.requestHeaders };
  const sectors = await Promise.all(
    SECTIONS.map(async (section) => {
      const info = SUBGRAPHS.find((entry) => entry.name === section.subgraph)!;
      const url = urlOf(section.subgraph);
      if (!url) return { sector: info.sector, agency: info.agency, entries: [], withheld: ['(subgraph unavailable)'] };
      const answer = await callSubgraph<any>(
        url,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Subject { ${section.selection} } } }`,
        { r: [{ __typename: 'Subject', id: subject.id }] },
        identity,
      ).catch(() => ({ data: null, errors: [{ message: 'unavailable', extensions: { field: '(subgraph unavailable)' } }] }));
      const found = answer.data?._entities?.[0] ?? {};
      const withheld = [...new Set(answer.errors.map((error) => String(error.extensions?.field ?? error.message)))].sort();
      return { sector: info.sector, agency: info.agency, entries: section.entries(found), withheld };
    }),
  );
  const sections = [{ sector: 'PLATFORM', agency: SUBGRAPHS[0]!.agency, entries: platformEntries, withheld: [] as string[] }, ...sectors];
  const generatedAt = new Date().toISOString();
  const subjectName = nameAsShown(context, subject);
  const verificationHash = verificationCode(verificationKey, { subjectId: subject.id, subjectName, generatedAt, sections });
  // The middleware masks subjectName again on the way out, with the same decision: the caller reads the name the code covers.
  return { subjectName, generatedAt, sections, verificationHash };
}
