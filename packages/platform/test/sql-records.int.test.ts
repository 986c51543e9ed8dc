// selectRecords reads rows past the ORM: its records must carry the values MikroORM would have
// hydrated into entities (the timestamps above all, which the connection hands over as text), and
// its parameters must stay data.
import { randomUUID } from 'node:crypto';
import { EntitySchema } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueDatabaseUrl } from '../../../test/support/database.js';
import { createOrm, ensureDatabase, selectRecords, type Orm } from '../src/index.js';

interface Stamp {
  id: string;
  note: string;
  at: Date;
  ended: Date | null;
}

const StampSchema = new EntitySchema<Stamp>({
  name: 'Stamp',
  tableName: 'stamps',
  properties: {
    id: { type: 'uuid', primary: true },
    note: { type: 'text' },
    at: { type: 'Date', columnType: 'timestamptz' },
    ended: { type: 'Date', columnType: 'timestamptz', nullable: true },
  },
});

const database = uniqueDatabaseUrl('sql_records');
let orm: Orm;
const em = () => orm.em.fork() as EntityManager;
const STAMPS = 'select id, note, at, ended from stamps where id in (?) order by note';

beforeAll(async () => {
  await ensureDatabase(database.url);
  orm = await createOrm({ databaseUrl: database.url, entities: [StampSchema], migrations: [], poolMax: 2 });
  await orm.em.getConnection().execute('create table stamps (id uuid primary key, note text not null, at timestamptz not null, ended timestamptz)');
});

afterAll(async () => {
  await orm?.close();
  await database.drop();
});

async function insert(rows: Array<{ note: string; at: string; ended: string | null }>): Promise<string[]> {
  const ids = rows.map(() => randomUUID());
  for (const [i, row] of rows.entries()) {
    await orm.em.getConnection().execute('insert into stamps (id, note, at, ended) values (?, ?, ?, ?)', [ids[i], row.note, row.at, row.ended]);
  }
  return ids;
}

describe('selectRecords', () => {
  it('gives the same Dates as the entities of the same rows: microseconds, offsets, nulls', async () => {
    const ids = await insert([
      { note: 'a', at: '2026-03-29 01:59:59.999999+00', ended: null },
      { note: 'b', at: '1999-12-31 23:59:59.123456-08', ended: '2026-11-22 10:00:00+05:30' },
      { note: 'c', at: '2026-11-22 00:00:00.5+00', ended: '1970-01-01 00:00:00+00' },
    ]);
    const records = await selectRecords<Stamp>(em(), STAMPS, [ids], ['at', 'ended']);
    const entities = await em().find(StampSchema, { id: { $in: ids } }, { orderBy: { note: 'asc' } });
    expect(records.map((record) => record.at)).toEqual(entities.map((entity) => entity.at));
    expect(records.map((record) => record.ended)).toEqual(entities.map((entity) => entity.ended));
    expect(records.every((record) => record.at instanceof Date)).toBe(true);
    expect(records.map((record) => record.ended?.toISOString() ?? null)).toEqual([null, '2026-11-22T04:30:00.000Z', '1970-01-01T00:00:00.000Z']);
  });

  it('takes parameters as data: quotes, backslashes, question marks and SQL stay text, and an array fills in (?)', async () => {
    const notes = ["O'Brien", 'back\\slash', 'why?', "'); drop table stamps; --", '$1'];
    const ids = await insert(notes.map((note) => ({ note, at: '2026-01-01 00:00:00+00', ended: null })));
    const found = await selectRecords<Stamp>(em(), 'select id, note, at, ended from stamps where note in (?) and id in (?)', [notes, ids], ['at']);
    expect(found.map((record) => record.note).sort()).toEqual([...notes].sort());
    expect(await selectRecords<Stamp>(em(), STAMPS, [[randomUUID()]], ['at'])).toEqual([]);
    expect((await selectRecords<{ n: string }>(em(), 'select count(*) as n from stamps', [], []))[0]!.n).not.toBe('0');
  });
});
