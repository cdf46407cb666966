import type { Knex } from 'knex';
import { catalogue } from '@credit-hub/runtime';

/**
 * The catalogues as reviewed data (Art. 30-32): migrations/catalogue.json is the source, the
 * tables follow it. Measures keep their lightest tier in `severity` (Art. 35); criteria gain
 * the checks a grant must pass and whom they are for; incentive listings can end early when
 * their subject stops meeting the criterion (Art. 30).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('incentive_criteria', (t) => {
    t.jsonb('checks').notNullable().defaultTo('[]');
    t.text('subjects').notNullable().defaultTo('ANY').checkIn(['ORGANISATION', 'PERSON', 'ANY']);
  });
  await knex.schema.alterTable('incentive_listings', (t) => {
    t.date('ended_on');
    t.text('end_reason');
  });
  // Art. 30: an incentive lasts while its subject meets the criterion. Every criterion asks
  // for no dishonesty record and no listing, so a new one ends the subject's incentives,
  // whichever step writes it (recordDishonesty, a government default, a key person, a listing).
  await knex.raw(`
    create or replace function end_incentives_of_subject() returns trigger language plpgsql as $$
    begin
      update incentive_listings
         set ended_on = (now() at time zone 'Asia/Shanghai')::date,
             end_reason = tg_argv[0] || ' ' || new.id || '（《条例》第三十条：不再符合激励条件）'
       where subject_id = new.subject_id and ended_on is null
         and valid_until >= (now() at time zone 'Asia/Shanghai')::date;
      return new;
    end $$;
    create trigger dishonesty_record_ends_incentives after insert on dishonesty_records
      for each row execute function end_incentives_of_subject('失信记录');
    create trigger listing_ends_incentives after insert on serious_dishonesty_listings
      for each row execute function end_incentives_of_subject('严重失信主体名单');
  `);
  const { punishmentMeasures, incentiveCriteria, incentiveMeasures } = catalogue();
  await knex('punishment_measures')
    .insert(punishmentMeasures.map((m) => ({ code: m.code, name: m.name, legal_basis: m.legalBasis, severity: m.minimumTier, sector: m.sector, description: m.description })))
    .onConflict('code')
    .merge();
  await knex('incentive_criteria')
    .insert(
      incentiveCriteria.map((c) => ({
        code: c.code,
        name: c.name,
        description: c.description,
        legal_basis: c.legalBasis,
        published_on: c.publishedOn,
        subjects: c.subjects,
        checks: JSON.stringify(c.checks),
      })),
    )
    .onConflict('code')
    .merge();
  await knex('incentive_measures')
    .insert(incentiveMeasures.map((m) => ({ code: m.code, name: m.name, legal_basis: m.legalBasis, sector: m.sector })))
    .onConflict('code')
    .merge();
}
