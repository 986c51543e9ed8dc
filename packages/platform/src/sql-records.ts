import type { EntityManager } from '@mikro-orm/postgresql';

/** The properties of a record type that hold timestamps. */
export type DateKeys<T> = { [K in keyof T]-?: T[K] extends Date | null ? K : never }[keyof T];

/**
 * Parses the timestamp columns `dates` of raw rows in place, exactly as MikroORM parses them for
 * entities: its PostgreSQL connection hands timestamps over as text, so rows read past the ORM
 * need this to carry the same Dates an entity would.
 */
export function parseTimestamps<T>(em: EntityManager, rows: Array<Record<string, unknown>>, dates: readonly DateKeys<T>[]): T[] {
  const platform = em.getPlatform();
  for (const row of rows) {
    for (const key of dates as readonly string[]) {
      const value = row[key];
      if (value != null && !(value instanceof Date)) row[key] = platform.parseDate(value as string);
    }
  }
  return rows as T[];
}

/**
 * A read-only SELECT as plain records: the SQL aliases each column to its property name, and the
 * timestamp columns `dates` become Dates. `params` fill the SQL's `?`s, quoted by MikroORM (an
 * array fills `in (?)`). For hot read paths, where hydrating managed entities into an identity map
 * costs more than the query itself and nothing will be changed (docs/adr/0010-feed-hot-path.md).
 */
export async function selectRecords<T>(em: EntityManager, sql: string, params: readonly unknown[], dates: readonly DateKeys<T>[]): Promise<T[]> {
  const rows = await em.getConnection().execute<Array<Record<string, unknown>>>(sql, [...params]);
  return parseTimestamps<T>(em, rows, dates);
}
