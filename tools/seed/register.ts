/**
 * Phase 1: the subject register. Every subject (showcase first, then generated ones) is
 * decided before any record is made, so records can point at any subject: a company's
 * legal representative, a purchaser, the other party of a lawsuit. Kept in memory as
 * one small object per subject; the records of phase 2 are streamed in chunks.
 */
import { personPseudonym } from '@credit-hub/schema';
import { dayOf, timestamp, type Day } from './calendar.js';
import { IdentifierRegistry } from './identifiers.js';
import { CITIES, CITY_WEIGHTS, GOVERNMENT_DEPARTMENTS, agencies, cityOf, districtOf, SYSTEMS, type City, type District } from './places.js';
import { mixSeed, Rng } from './random.js';
import type { Row } from './tables.js';
import {
  COMPANY_FORMS,
  PARTNERSHIP_KINDS,
  SHOP_KINDS,
  SOLE_PROPRIETORSHIPS,
  personName,
  pickIndustry,
  surname,
  tradeName,
  type Gender,
  type Industry,
} from './vocabulary.js';

export type SubjectKind = 'NATURAL_PERSON' | 'LEGAL_PERSON' | 'UNINCORPORATED_ORG' | 'GOVERNMENT_AGENCY';
export type OrgForm = 'COMPANY' | 'PARTNERSHIP' | 'SOLE_PROPRIETORSHIP' | 'INDIVIDUAL_BUSINESS';

export interface Subject {
  index: number;
  id: string;
  kind: SubjectKind;
  name: string;
  city: City;
  district: District;
  /** Division code of the registrar that issued the credit code (region, league/city or district). */
  registrar: string;
  creditCode: string | null;
  idNumber: string | null;
  /** Organisations: date of establishment; persons: date of birth. */
  since: Day;
  /** When the subject entered the platform's register. */
  registered: Day;
  gender?: Gender;
  org?: { form: OrgForm; legalForm: string; scope: string; industry?: Industry };
  /** Tags of migrations/showcase.json; the showcase's records are made by showcase.ts. */
  showcaseTags?: readonly string[];
}

/** Shares of subject kinds among generated subjects (design §9). */
const KIND_WEIGHTS: ReadonlyArray<readonly [SubjectKind, number]> = [
  ['LEGAL_PERSON', 55],
  ['UNINCORPORATED_ORG', 5],
  ['GOVERNMENT_AGENCY', 2],
  ['NATURAL_PERSON', 38],
];

export class Register {
  readonly subjects: Subject[] = [];
  readonly ids = new IdentifierRegistry();
  private readonly names = new Set<string>();
  /** Pools to draw related subjects from; showcase subjects stay out so their records are exactly the designed ones. */
  private readonly persons = new Map<string, number[]>();
  private readonly organisations = new Map<string, number[]>();
  private readonly governmentAgencies = new Map<string, number[]>();
  private readonly showcasePersons: number[] = [];
  private readonly showcaseOrganisations: number[] = [];
  /** Government bodies still without a subject, per league/city: (level, department) in a seeded order. */
  private readonly freeAgencyNames = new Map<string, Array<{ place: City | District; department: string }>>();

  constructor(
    private readonly seed: number,
    private readonly asOf: Day,
    private readonly pseudonymKey: string,
  ) {
    for (const city of CITIES) {
      const rng = new Rng(mixSeed(seed, 0x6f76, Number(city.code)));
      const names = [city, ...city.districts].flatMap((place) => GOVERNMENT_DEPARTMENTS.map((department) => ({ place, department })));
      for (let i = names.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [names[i], names[j]] = [names[j]!, names[i]!];
      }
      this.freeAgencyNames.set(city.code, names);
    }
  }

  add(subject: Subject): void {
    this.subjects.push(subject);
    this.names.add(subject.name);
    this.ids.reserve(subject.id);
    if (subject.idNumber) this.ids.reserve(subject.idNumber);
    if (subject.kind === 'GOVERNMENT_AGENCY' && subject.showcaseTags) {
      const free = this.freeAgencyNames.get(subject.city.code)!;
      const taken = free.findIndex(({ place, department }) => agencyName(place, department) === subject.name);
      if (taken >= 0) free.splice(taken, 1);
    }
    const pool =
      subject.kind === 'NATURAL_PERSON' ? this.persons : subject.kind === 'GOVERNMENT_AGENCY' ? this.governmentAgencies : this.organisations;
    if (subject.showcaseTags) {
      if (subject.kind === 'NATURAL_PERSON') this.showcasePersons.push(subject.index);
      else if (subject.kind !== 'GOVERNMENT_AGENCY') this.showcaseOrganisations.push(subject.index);
      return;
    }
    const list = pool.get(subject.city.code) ?? [];
    if (list.length === 0) pool.set(subject.city.code, list);
    list.push(subject.index);
  }

  /** Generates and registers subject number `index`. */
  addGenerated(index: number): Subject {
    const subject = this.generate(index);
    this.add(subject);
    return subject;
  }

  private generate(index: number): Subject {
    const rng = new Rng(mixSeed(this.seed, 1, index));
    let kind = rng.weighted(KIND_WEIGHTS);
    const city = rng.weighted(CITY_WEIGHTS);
    const district = rng.pick(city.districts);
    if (kind === 'GOVERNMENT_AGENCY') {
      const agency = this.generateAgency(rng, index, city);
      if (agency) return agency;
      kind = 'LEGAL_PERSON'; // every government body of the region exists already: a larger register gets more companies
    }
    return kind === 'NATURAL_PERSON' ? this.generatePerson(rng, index, city, district) : this.generateOrganisation(rng, index, kind, city, district);
  }

  private generatePerson(rng: Rng, index: number, city: City, district: District): Subject {
    const gender: Gender = rng.chance(0.5) ? 'MALE' : 'FEMALE';
    // Household registration is mostly where one lives; some moved in from elsewhere in the region.
    const home = rng.chance(0.85) ? district : rng.pick(rng.weighted(CITY_WEIGHTS).districts);
    const birth = dayOf(rng.int(1950, 2004), rng.int(1, 12), 1) + rng.int(0, 27);
    const idNumber = this.ids.idNumber(rng, home.code, birth, gender);
    return {
      index,
      id: personPseudonym(idNumber, this.pseudonymKey),
      kind: 'NATURAL_PERSON',
      name: personName(rng, gender),
      city,
      district,
      registrar: home.code,
      creditCode: null,
      idNumber,
      since: birth,
      // Persons enter the register with the first record about them, since the platform went live.
      registered: dayOf(2019, 1, 1) + rng.int(0, Math.max(0, this.asOf - dayOf(2019, 1, 1))),
      gender,
    };
  }

  private generateOrganisation(rng: Rng, index: number, kind: 'LEGAL_PERSON' | 'UNINCORPORATED_ORG', city: City, district: District): Subject {
    // Businesses are mostly young (a tenth founded in the last year, median age about a third of
    // the span since 1995), a few decades old.
    const span = this.asOf - 30 - dayOf(1995, 1, 1);
    const since = this.asOf - 30 - Math.floor(span * rng.next() ** 1.5);
    let registrar = rng.chance(0.8) ? district.code : city.code;
    let typePrefix: '91' | '92' = '91';
    let org: NonNullable<Subject['org']>;
    let name: string;
    if (kind === 'LEGAL_PERSON') {
      const industry = pickIndustry(rng, city.code);
      const form = rng.weighted(COMPANY_FORMS);
      const prefixKind = rng.weighted([['CITY', 60], ['REGION', 25], ['DISTRICT', 15]] as const);
      const prefix = prefixKind === 'CITY' ? city.name : prefixKind === 'REGION' ? '内蒙古' : district.fullName;
      if (prefixKind === 'REGION' && rng.chance(0.5)) registrar = '150000'; // registered with the region's own regulator
      name = this.uniqueName(rng, (trade) => `${prefix}${trade}${industry.word}${form.suffix}`);
      org = { form: 'COMPANY', legalForm: form.legalForm, scope: industry.scope, industry };
    } else {
      const form = rng.weighted([['PARTNERSHIP', 35], ['SOLE_PROPRIETORSHIP', 15], ['INDIVIDUAL_BUSINESS', 50]] as const);
      if (form === 'PARTNERSHIP') {
        const partnership = rng.pick(PARTNERSHIP_KINDS);
        name = this.uniqueName(rng, (trade) => partnership.pattern(city.name, trade));
        org = { form, legalForm: partnership.legalForm, scope: partnership.scope };
      } else if (form === 'SOLE_PROPRIETORSHIP') {
        const business = rng.pick(SOLE_PROPRIETORSHIPS);
        name = this.uniqueName(rng, (trade) => `${city.name}${trade}${business.word}`);
        org = { form, legalForm: '个人独资企业', scope: business.scope };
      } else {
        // Individual businesses (个体工商户) register with the district and get a 92… code.
        const shop = rng.pick(SHOP_KINDS);
        typePrefix = '92';
        registrar = district.code;
        name = this.uniqueName(rng, (trade) => `${district.name}${rng.chance(0.3) ? `老${surname(rng)}` : trade}${shop.word}`);
        org = { form, legalForm: '个体工商户', scope: shop.scope };
      }
    }
    const creditCode = this.ids.creditCode(rng, typePrefix, registrar, since);
    return { index, id: creditCode, kind, name, city, district, registrar, creditCode, idNumber: null, since, registered: since, org };
  }

  private generateAgency(rng: Rng, index: number, home: City): Subject | undefined {
    // A league/city with every department taken lends the draw to the next one that has some left.
    const start = CITIES.indexOf(home);
    const since = dayOf(rng.int(1980, 2019), 1, 1) + rng.int(0, 364);
    for (let offset = 0; offset < CITIES.length; offset++) {
      const city = CITIES[(start + offset) % CITIES.length]!;
      const free = this.freeAgencyNames.get(city.code)!;
      const next = free.pop();
      if (!next) continue;
      const registrar = next.place.code;
      const creditCode = this.ids.creditCode(rng, '11', registrar, dayOf(1990, 1, 1));
      return {
        index,
        id: creditCode,
        kind: 'GOVERNMENT_AGENCY',
        name: agencyName(next.place, next.department),
        city,
        district: 'fullName' in next.place ? next.place : city.districts[0]!,
        registrar,
        creditCode,
        idNumber: null,
        since,
        // Government bodies were given credit codes in the 2016-2017 conversion.
        registered: Math.max(since, dayOf(2016, 1, 1) + rng.int(0, 500)),
      };
    }
    return undefined;
  }

  /** A name not yet registered: registrars refuse a duplicate name, so the applicant tries another trade name. */
  private uniqueName(rng: Rng, build: (trade: string) => string): string {
    for (let attempt = 0; ; attempt++) {
      const trade = attempt < 8 ? tradeName(rng) : tradeName(rng) + tradeName(rng);
      const name = build(trade);
      if (!this.names.has(name)) return name;
    }
  }

  // --- Drawing related subjects ------------------------------------------------------

  /** A natural person, usually of the same league/city; null only in a register without persons. */
  person(rng: Rng, cityCode: string, exclude?: string): Subject | null {
    return this.draw(rng, this.persons, cityCode, this.showcasePersons, exclude);
  }

  /** An enterprise or other organisation (not a government body). */
  organisation(rng: Rng, cityCode: string, exclude?: string): Subject | null {
    return this.draw(rng, this.organisations, cityCode, this.showcaseOrganisations, exclude);
  }

  /** A government body, usually of the same league/city; of one of `departments` where the league/city has one. */
  agency(rng: Rng, cityCode: string, departments?: readonly string[]): Subject | null {
    if (departments) {
      const local = (this.governmentAgencies.get(cityCode) ?? []).filter((index) =>
        departments.some((department) => this.subjects[index]!.name.endsWith(department)),
      );
      if (local.length) return this.subjects[rng.pick(local)]!;
    }
    return this.draw(rng, this.governmentAgencies, cityCode, [], undefined);
  }

  private draw(rng: Rng, pool: Map<string, number[]>, cityCode: string, fallback: number[], exclude: string | undefined): Subject | null {
    for (let attempt = 0; attempt < 4; attempt++) {
      const local = pool.get(cityCode);
      const list = local && rng.chance(0.8) ? local : pool.get(rng.pick(CITIES).code);
      if (!list?.length) continue;
      const subject = this.subjects[rng.pick(list)]!;
      if (subject.id !== exclude) return subject;
    }
    // Tiny registers: fall back to the untagged showcase subjects, which exist in every seed.
    const candidates = fallback.filter((index) => this.subjects[index]!.id !== exclude && !this.subjects[index]!.showcaseTags?.length);
    return candidates.length ? this.subjects[rng.pick(candidates)]! : null;
  }

  bySubjectId(id: string): Subject {
    const subject = this.subjects.find((candidate) => candidate.id === id);
    if (!subject) throw new Error(`subject ${id} is not in the register`);
    return subject;
  }
}

function agencyName(place: City | District, department: string): string {
  return `${'fullName' in place ? place.fullName : place.name}${department}`;
}

/** The market regulator that registered an organisation, by its division code. */
export function registrarName(division: string): string {
  if (division === '150000') return '内蒙古自治区市场监督管理局';
  return agencies.marketRegulator(division.endsWith('00') ? cityOf(division) : districtOf(division));
}

/** The platform's register row of a subject, sourced from the body that issued its identifier. */
export function subjectRow(subject: Subject, asOf: Day): Row<'subjects'> {
  let sourceAgency: string;
  let sourceSystem: string;
  if (subject.kind === 'NATURAL_PERSON') {
    sourceAgency = agencies.publicSecurity(subject.city);
    sourceSystem = SYSTEMS.population;
  } else if (subject.kind === 'GOVERNMENT_AGENCY') {
    sourceAgency = agencies.staffingOffice(subject.city);
    sourceSystem = SYSTEMS.governmentCodes;
  } else {
    sourceAgency = registrarName(subject.registrar);
    sourceSystem = SYSTEMS.enterpriseRegistry;
  }
  return {
    id: subject.id,
    kind: subject.kind,
    name: subject.name,
    region: subject.city.code,
    credit_code: subject.creditCode,
    id_number: subject.idNumber,
    source_agency: sourceAgency,
    source_system: sourceSystem,
    registered_at: timestamp(Math.min(subject.registered, asOf), 9 * 60 + 30),
  };
}

