/** The five sector subgraphs of the credit graph (design §2), their sectors, default ports and databases. */
import type { Sector } from './purposes.js';

export interface SubgraphInfo {
  /** Subgraph name in the supergraph; errors from it carry this as `serviceName`. */
  name: 'platform' | 'courts' | 'market' | 'social-security' | 'finance';
  sector: Sector;
  defaultPort: number;
  database: string;
  /** Chinese name of the owning agency, for sources and docs. */
  agency: string;
}

export const SUBGRAPHS: readonly SubgraphInfo[] = [
  { name: 'platform', sector: 'PLATFORM', defaultPort: 4001, database: 'credit_platform', agency: '内蒙古自治区公共信用信息中心' },
  { name: 'courts', sector: 'COURTS', defaultPort: 4002, database: 'credit_courts', agency: '内蒙古自治区高级人民法院' },
  { name: 'market', sector: 'MARKET', defaultPort: 4003, database: 'credit_market', agency: '内蒙古自治区市场监督管理局' },
  {
    name: 'social-security',
    sector: 'SOCIAL_SECURITY',
    defaultPort: 4004,
    database: 'credit_social_security',
    agency: '内蒙古自治区人力资源和社会保障厅',
  },
  { name: 'finance', sector: 'FINANCE', defaultPort: 4005, database: 'credit_finance', agency: '内蒙古自治区财政厅' },
];

export type SubgraphName = SubgraphInfo['name'];

export function subgraphInfo(name: SubgraphName): SubgraphInfo {
  const info = SUBGRAPHS.find((subgraph) => subgraph.name === name);
  if (!info) throw new Error(`unknown subgraph ${name}`);
  return info;
}
