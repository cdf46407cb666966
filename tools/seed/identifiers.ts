/**
 * Identifiers and document numbers in their real formats:
 * - unified social credit codes (GB 32100-2015) with a GB 11714 organisation code inside;
 * - resident ID numbers (GB 11643-1999) with a real birth date and a sex digit;
 * - court case numbers （2024）内0105民初1234号, penalty decisions 呼市监处罚〔2024〕123号, …
 * Uniqueness: codes are drawn until unused; document numbers come from per-series
 * counters (a court's civil cases of a year, a regulator's decisions of a year), as
 * agencies number their documents, so they cannot repeat.
 */
import { CREDIT_CODE_CHARSET, creditCodeCheckChar, idNumberCheckChar } from '@credit-hub/schema';
import { dayOf, formatDay, yearOf, type Day } from './calendar.js';
import { hashString, type Rng } from './random.js';
import type { Gender } from './vocabulary.js';

/** GB 11714 check character of an 8-character organisation code body (digits, or letters valued A=10 … Z=35). */
function orgCodeCheckChar(body: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const char = body[i]!;
    sum += (char >= 'A' ? char.charCodeAt(0) - 55 : Number(char)) * weights[i]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/** Letters of the credit-code charset, which excludes I, O, Z, S and V. */
const CODE_LETTERS = CREDIT_CODE_CHARSET.slice(10).split('');

/**
 * The nine-character organisation part. Before the 2015 reform codes were eight digits
 * plus a check (state organs' start with 0); since then registrars assign "MA" + six
 * characters + check (MA0N3QK81).
 */
function organisationCode(rng: Rng, style: 'MODERN' | 'LEGACY' | 'STATE_ORGAN'): string {
  let body = style === 'MODERN' ? 'MA' : style === 'STATE_ORGAN' ? '0' : '';
  while (body.length < 8) body += style === 'MODERN' && rng.chance(0.4) ? rng.pick(CODE_LETTERS) : String(rng.int(0, 9));
  return body + orgCodeCheckChar(body);
}

/** Registers identifiers already in use, so none is issued twice (showcase ids are registered first). */
export class IdentifierRegistry {
  private readonly used = new Set<string>();

  reserve(id: string): void {
    this.used.add(id);
  }

  /**
   * A credit code: 2-character registrar/type ('91' enterprise, '92' individual business,
   * '11' state organ) + 6-digit division of the registrar + organisation code + check.
   */
  creditCode(rng: Rng, typePrefix: '91' | '92' | '11', division: string, established: Day): string {
    const style = typePrefix === '11' ? 'STATE_ORGAN' : established >= dayOf(2015, 10, 1) ? 'MODERN' : 'LEGACY';
    for (;;) {
      const body = `${typePrefix}${division}${organisationCode(rng, style)}`;
      const code = body + creditCodeCheckChar(body);
      if (!this.used.has(code)) {
        this.used.add(code);
        return code;
      }
    }
  }

  /** A resident ID number: division of household registration + birth date + sequence (odd for men) + check. */
  idNumber(rng: Rng, division: string, birth: Day, gender: Gender): string {
    const birthDigits = formatDay(birth).replace(/-/g, '');
    // 500 sequence numbers per sex, district and birthday; a crowded day moves to the next.
    for (let attempt = 0; ; attempt++) {
      if (attempt === 200) return this.idNumber(rng, division, birth + 1, gender);
      const sexDigit = gender === 'MALE' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]);
      const first17 = `${division}${birthDigits}${String(rng.int(0, 99)).padStart(2, '0')}${sexDigit}`;
      const id = first17 + idNumberCheckChar(first17);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }
}

/**
 * Document-number series. Each series (a court's civil first-instance cases of one year,
 * one regulator's penalty decisions of one year, …) starts at a number derived from its
 * name and climbs by small steps, like a real register that other cases also draw from.
 */
export class DocumentNumbers {
  private readonly last = new Map<string, number>();

  constructor(private readonly seed: number) {}

  next(series: string, rng: Rng): number {
    const previous = this.last.get(series);
    const value = previous === undefined ? 1 + (hashString(`${this.seed}:${series}`) % 600) : previous + rng.int(1, 6);
    this.last.set(series, value);
    return value;
  }

  /** Civil case of a court: （2024）内0105民初1234号; second instance at an intermediate court uses 民终. */
  civilCase(rng: Rng, courtCode: string, filed: Day, stage: '民初' | '民终' = '民初'): string {
    const year = yearOf(filed);
    return `（${year}）${courtCode}${stage}${this.next(`${courtCode}${stage}${year}`, rng)}号`;
  }

  /** Arbitral award: （2024）呼和浩特仲裁字第123号. */
  arbitralAward(rng: Rng, cityShort: string, filed: Day): string {
    const year = yearOf(filed);
    return `（${year}）${cityShort}仲裁字第${this.next(`${cityShort}仲裁${year}`, rng)}号`;
  }

  /** Enforcement case: （2024）内0102执567号. */
  enforcementCase(rng: Rng, courtCode: string, filed: Day): string {
    const year = yearOf(filed);
    return `（${year}）${courtCode}执${this.next(`${courtCode}执${year}`, rng)}号`;
  }

  /** Administrative decision: 呼市监处罚〔2024〕123号, 包人社监责改〔2024〕12号, 内税信〔2024〕3号. */
  decision(rng: Rng, prefix: string, decided: Day): string {
    const year = yearOf(decided);
    return `${prefix}〔${year}〕${this.next(`${prefix}${year}`, rng)}号`;
  }

  /** Procurement project: BTZC-2024-00123 (several bidders may share one). */
  procurementProject(rng: Rng, prefix: string, awarded: Day): string {
    const year = yearOf(awarded);
    return `${prefix}-${year}-${String(this.next(`${prefix}${year}`, rng)).padStart(5, '0')}`;
  }

  /** Government contract: HT150200-2023-00042. */
  governmentContract(rng: Rng, region: string, signed: Day): string {
    const year = yearOf(signed);
    return `HT${region}-${year}-${String(this.next(`HT${region}${year}`, rng)).padStart(5, '0')}`;
  }

  /** Social insurance registration number: division + 10-digit sequence. */
  insuranceNumber(rng: Rng, division: string): string {
    return `${division}${String(this.next(`SB${division}`, rng)).padStart(10, '0')}`;
  }
}
