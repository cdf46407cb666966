/**
 * Shared shape of sector records: every row carries its source (Art. 3, 26). Stores select
 * SOURCE_COLUMNS and pass rows through withSource so GraphQL's `source` field resolves
 * without a resolver per type.
 */
export const SOURCE_COLUMNS = ['source_agency as sourceAgency', 'source_system as sourceSystem', 'info_class as infoClass'];

export interface SourceColumns {
  sourceAgency: string;
  sourceSystem: string;
  infoClass: 'PUBLIC' | 'NON_PUBLIC';
}

export interface Source {
  agency: string;
  system: string;
  infoClass: 'PUBLIC' | 'NON_PUBLIC';
}

export function withSource<R extends SourceColumns>(row: R): Omit<R, keyof SourceColumns> & { source: Source } {
  const { sourceAgency, sourceSystem, infoClass, ...rest } = row;
  return { ...rest, source: { agency: sourceAgency, system: sourceSystem, infoClass } };
}

/**
 * `column = any($1::text[])`: one bind parameter whatever the number of keys, so a batch
 * of 1,000 subjects is one short statement. Use as `.whereRaw(...matchAny('subject_id', ids))`.
 */
export function matchAny(column: string, keys: readonly string[]): [string, [string[]]] {
  return [`${column} = any(?::text[])`, [[...keys]]];
}

/** withSource over the rows of a query: `.then(withSources<Row>)`. */
export const withSources = <R>(rows: Array<R & SourceColumns>) => rows.map(withSource);
