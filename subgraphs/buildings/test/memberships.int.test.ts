import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements, startBuildings, type RunningBuildings } from '../../../test/support/buildings.js';
import { errorCodes } from '../../../test/support/graphql.js';
import { APPROVE, CHANGE_ROLE, LEAVE, REJECT, REMOVE, REQUEST, buildingsApi, type MembershipResult } from './buildings-api.js';

let buildings: RunningBuildings;
let api: ReturnType<typeof buildingsApi>;
let db: pg.Client;

beforeAll(async () => {
  buildings = await startBuildings();
  api = buildingsApi(buildings.graphqlUrl);
  db = new pg.Client({ connectionString: buildings.databaseUrl });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await buildings?.close();
});

/** A building with its manager, an ACTIVE resident and a user with a PENDING request. */
async function neighbourhood() {
  const managerId = randomUUID();
  const building = await api.createBuilding(managerId);
  const resident = await api.join(managerId, building.id);
  const pendingUserId = randomUUID();
  const pending = await api.request(pendingUserId, building.id);
  const managerMembership = (await db.query('SELECT id FROM memberships WHERE user_id = $1', [managerId])).rows[0].id as string;
  return { managerId, managerMembership, building, resident, residentId: resident.user.id, pending, pendingUserId };
}

const statusOf = async (membershipId: string) => (await db.query('SELECT status, role FROM memberships WHERE id = $1', [membershipId])).rows[0];
const activeManagers = async (buildingId: string) =>
  Number((await db.query(`SELECT count(*) FROM memberships WHERE building_id = $1 AND status = 'ACTIVE' AND role = 'MANAGER'`, [buildingId])).rows[0].count);

describe('joining a building', () => {
  it('goes request → approve, and the new member counts', async () => {
    const managerId = randomUUID();
    const userId = randomUUID();
    const building = await api.createBuilding(managerId);
    const pending = await api.request(userId, building.id);
    expect(pending).toMatchObject({ status: 'PENDING', role: 'RESIDENT', building: { id: building.id }, user: { id: userId } });
    const active = await api.approve(managerId, pending.id);
    expect(active).toMatchObject({ id: pending.id, status: 'ACTIVE', role: 'RESIDENT' });
    const after = await api.data<{ building: { memberCount: number; viewerMembership: { status: string } } }>(
      userId,
      'query($id: ID) { building(id: $id) { memberCount viewerMembership { status } } }',
      { id: building.id },
    );
    expect(after.building).toEqual({ memberCount: 2, viewerMembership: { status: 'ACTIVE' } });
  });

  it('returns the same pending request when asked twice, even at the same instant, and CONFLICT once ACTIVE', async () => {
    const { managerId, building } = await neighbourhood();
    const userId = randomUUID();
    const results = await Promise.all([1, 2, 3].map(() => api.call<{ requestMembership: MembershipResult }>(userId, REQUEST, { id: building.id })));
    const ids = results.map((result) => result.body.data?.requestMembership.id);
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).toBeDefined();
    expect((await api.request(userId, building.id)).id).toBe(ids[0]);
    expect(Number((await db.query('SELECT count(*) FROM memberships WHERE user_id = $1', [userId])).rows[0].count)).toBe(1);
    await api.approve(managerId, ids[0]!);
    expect(errorCodes(await api.call(userId, REQUEST, { id: building.id }))).toEqual(['CONFLICT']);
  });

  it('lets a rejected user ask again, reopening the same membership', async () => {
    const { managerId, building, pending, pendingUserId } = await neighbourhood();
    const rejected = await api.data<{ rejectMembership: MembershipResult }>(managerId, REJECT, { id: pending.id });
    expect(rejected.rejectMembership.status).toBe('REJECTED');
    expect(errorCodes(await api.call(managerId, APPROVE, { id: pending.id }))).toEqual(['CONFLICT']);
    expect(await api.request(pendingUserId, building.id)).toMatchObject({ id: pending.id, status: 'PENDING' });
  });

  it('answers NOT_FOUND for an unknown building or membership, BAD_USER_INPUT for a malformed id', async () => {
    const userId = randomUUID();
    expect(errorCodes(await api.call(userId, REQUEST, { id: randomUUID() }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await api.call(userId, APPROVE, { id: randomUUID() }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await api.call(userId, REQUEST, { id: "x' OR '1'='1" }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('who may do what', () => {
  it('refuses every mutation to a signed-out caller with UNAUTHENTICATED', async () => {
    const { building, pending, resident } = await neighbourhood();
    const attempts = [
      [REQUEST, { id: building.id }],
      [APPROVE, { id: pending.id }],
      [REJECT, { id: pending.id }],
      [REMOVE, { id: resident.id }],
      [LEAVE, { id: building.id }],
      [CHANGE_ROLE, { id: resident.id, role: 'MANAGER' }],
      ['mutation($id: ID!) { updateBuildingBranding(buildingId: $id, input: { accentColor: "#000000" }) { id } }', { id: building.id }],
    ] as const;
    for (const [query, variables] of attempts) expect(errorCodes(await api.call(null, query, variables))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await api.call(null, '{ myBuildings { id } }'))).toEqual(['UNAUTHENTICATED']);
    expect((await statusOf(pending.id)).status).toBe('PENDING');
  });

  it('lets only active managers approve, reject, remove and change roles: FORBIDDEN for residents, outsiders and other managers', async () => {
    const { building, pending, resident, residentId, pendingUserId, managerMembership } = await neighbourhood();
    const otherManager = randomUUID();
    await api.createBuilding(otherManager);
    for (const actor of [residentId, pendingUserId, randomUUID(), otherManager]) {
      for (const [query, variables] of [
        [APPROVE, { id: pending.id }],
        [REJECT, { id: pending.id }],
        [REMOVE, { id: resident.id }],
        [REMOVE, { id: managerMembership }],
        [CHANGE_ROLE, { id: resident.id, role: 'MANAGER' }],
        ['mutation($id: ID!) { updateBuildingBranding(buildingId: $id, input: { accentColor: "#000000" }) { id } }', { id: building.id }],
      ] as const) {
        expect(errorCodes(await api.call(actor, query, variables)), `${query} by ${actor}`).toEqual(['FORBIDDEN']);
      }
    }
    expect((await statusOf(pending.id)).status).toBe('PENDING');
    expect(await statusOf(resident.id)).toEqual({ status: 'ACTIVE', role: 'RESIDENT' });
  });

  it('lets a manager change the branding, validated', async () => {
    const { managerId, building } = await neighbourhood();
    const logo = randomUUID();
    const BRANDING = 'mutation($id: ID!, $input: UpdateBrandingInput!) { updateBuildingBranding(buildingId: $id, input: $input) { branding { accentColor logoMediaId } } }';
    const changed = await api.data<{ updateBuildingBranding: { branding: unknown } }>(managerId, BRANDING, { id: building.id, input: { accentColor: '#AA3300', logoMediaId: logo } });
    expect(changed.updateBuildingBranding.branding).toEqual({ accentColor: '#aa3300', logoMediaId: logo });
    const colourOnly = await api.data<{ updateBuildingBranding: { branding: unknown } }>(managerId, BRANDING, { id: building.id, input: { accentColor: '#000000' } });
    expect(colourOnly.updateBuildingBranding.branding).toEqual({ accentColor: '#000000', logoMediaId: logo });
    const noLogo = await api.data<{ updateBuildingBranding: { branding: unknown } }>(managerId, BRANDING, { id: building.id, input: { logoMediaId: null } });
    expect(noLogo.updateBuildingBranding.branding).toEqual({ accentColor: '#000000', logoMediaId: null });
    expect(errorCodes(await api.call(managerId, BRANDING, { id: building.id, input: { accentColor: 'red' } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('never lets the last active manager go: not removed, not demoted, not leaving', async () => {
    const { managerId, managerMembership, building, resident, residentId } = await neighbourhood();
    expect(errorCodes(await api.call(managerId, REMOVE, { id: managerMembership }))).toEqual(['CONFLICT']);
    expect(errorCodes(await api.call(managerId, CHANGE_ROLE, { id: managerMembership, role: 'RESIDENT' }))).toEqual(['CONFLICT']);
    expect(errorCodes(await api.call(managerId, LEAVE, { id: building.id }))).toEqual(['CONFLICT']);

    // With a second manager the first may leave; then the second is the last.
    const promoted = await api.data<{ changeMemberRole: MembershipResult }>(managerId, CHANGE_ROLE, { id: resident.id, role: 'MANAGER' });
    expect(promoted.changeMemberRole).toMatchObject({ status: 'ACTIVE', role: 'MANAGER' });
    expect((await api.data<{ leaveBuilding: MembershipResult }>(managerId, LEAVE, { id: building.id })).leaveBuilding.status).toBe('LEFT');
    expect(errorCodes(await api.call(residentId, REMOVE, { id: resident.id }))).toEqual(['CONFLICT']);
    expect(errorCodes(await api.call(managerId, APPROVE, { id: resident.id }))).toEqual(['FORBIDDEN']);
    expect(await activeManagers(building.id)).toBe(1);
  });

  it('keeps one manager when two managers remove each other at the same instant', async () => {
    const { managerId, managerMembership, building, resident, residentId } = await neighbourhood();
    await api.data(managerId, CHANGE_ROLE, { id: resident.id, role: 'MANAGER' });
    const results = await Promise.all([api.call(managerId, REMOVE, { id: resident.id }), api.call(residentId, REMOVE, { id: managerMembership })]);
    expect(results.filter((result) => result.body.data).length).toBe(1);
    expect(results.flatMap(errorCodes)).toEqual(['FORBIDDEN']);
    expect(await activeManagers(building.id)).toBe(1);
  });

  it('lets a manager remove a member, and the member leave; both stop counting', async () => {
    const { managerId, building, resident, residentId } = await neighbourhood();
    const other = await api.join(managerId, building.id);
    expect((await api.data<{ removeMember: MembershipResult }>(managerId, REMOVE, { id: resident.id })).removeMember.status).toBe('REMOVED');
    expect((await api.data<{ leaveBuilding: MembershipResult }>(other.user.id, LEAVE, { id: building.id })).leaveBuilding.status).toBe('LEFT');
    expect(errorCodes(await api.call(residentId, LEAVE, { id: building.id }))).toEqual(['NOT_FOUND']);
    const count = await api.data<{ building: { memberCount: number } }>(null, 'query($id: ID) { building(id: $id) { memberCount } }', { id: building.id });
    expect(count.building.memberCount).toBe(1);
  });
});

describe('Building.members and pendingRequests', () => {
  const MEMBERS = `query($id: ID, $first: Int, $after: String) { building(id: $id) {
    name
    members(first: $first, after: $after) { edges { cursor node { id role user { id } } } pageInfo { hasNextPage endCursor } }
  } }`;
  const PENDING = 'query($id: ID) { building(id: $id) { pendingRequests { edges { node { id status user { id } } } } } }';

  it('are visible to active members only: FORBIDDEN (UNAUTHENTICATED signed out) for everyone else, the building itself still public', async () => {
    const { building, residentId, pendingUserId } = await neighbourhood();
    const seen = await api.data<{ building: { members: { edges: unknown[] } } }>(residentId, MEMBERS, { id: building.id });
    expect(seen.building.members.edges).toHaveLength(2);
    for (const [viewer, code] of [[randomUUID(), 'FORBIDDEN'], [pendingUserId, 'FORBIDDEN'], [null, 'UNAUTHENTICATED']] as const) {
      const refused = await api.call<{ building: { name: string; members: null } }>(viewer, MEMBERS, { id: building.id });
      expect(errorCodes(refused)).toEqual([code]);
      expect(refused.body.data?.building).toEqual({ name: building.name, members: null });
    }
  });

  it('stay hidden through _entities too', async () => {
    const { building, residentId } = await neighbourhood();
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Building { name members { edges { node { id } } } } } }';
    const r = [{ __typename: 'Building', id: building.id }];
    const outsider = await api.call<{ _entities: Array<{ name: string; members: unknown }> }>(randomUUID(), query, { r });
    expect(errorCodes(outsider)).toEqual(['FORBIDDEN']);
    expect(outsider.body.data?._entities).toEqual([{ name: building.name, members: null }]);
    const member = await api.data<{ _entities: Array<{ members: { edges: unknown[] } }> }>(residentId, query, { r });
    expect(member._entities[0]!.members.edges).toHaveLength(2);
  });

  it('page members with cursors in the order they joined', async () => {
    const { managerId, building, residentId } = await neighbourhood();
    for (let n = 0; n < 3; n += 1) await api.join(managerId, building.id);
    const ids: string[] = [];
    let after: string | null = null;
    type Page = { building: { members: { edges: Array<{ node: { user: { id: string } } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
    do {
      const page: Page = await api.data<Page>(residentId, MEMBERS, { id: building.id, first: 2, after });
      ids.push(...page.building.members.edges.map((edge) => edge.node.user.id));
      after = page.building.members.pageInfo.hasNextPage ? page.building.members.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toHaveLength(5);
    expect(ids.slice(0, 2)).toEqual([managerId, residentId]);
    expect(new Set(ids).size).toBe(5);
    expect(errorCodes(await api.call(residentId, MEMBERS, { id: building.id, first: 101 }))).toEqual(['BAD_USER_INPUT']);
  });

  it('show pending requests to active managers only', async () => {
    const { managerId, building, residentId, pending, pendingUserId } = await neighbourhood();
    const seen = await api.data<{ building: { pendingRequests: { edges: Array<{ node: { id: string } }> } } }>(managerId, PENDING, { id: building.id });
    expect(seen.building.pendingRequests.edges.map((edge) => edge.node.id)).toEqual([pending.id]);
    for (const viewer of [residentId, pendingUserId, randomUUID()]) expect(errorCodes(await api.call(viewer, PENDING, { id: building.id }))).toEqual(['FORBIDDEN']);
  });
});

describe('User.buildings', () => {
  const USER_BUILDINGS = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id buildings { status role building { id } } } } }';
  const buildingsOf = async (viewer: string | null, userId: string) => {
    const result = await api.data<{ _entities: Array<{ buildings: Array<{ status: string; building: { id: string } }> }> }>(viewer, USER_BUILDINGS, {
      r: [{ __typename: 'User', id: userId }],
    });
    return result._entities[0]!.buildings.map((membership) => `${membership.building.id}:${membership.status}`).sort();
  };

  it('shows your own memberships, and of another user only the buildings you both are active in', async () => {
    const ana = randomUUID();
    const ben = randomUUID();
    const sharedManager = randomUUID();
    const shared = await api.createBuilding(sharedManager);
    const anaOnly = await api.createBuilding(ana);
    const benPending = await api.createBuilding(ana);
    const anaPending = await api.createBuilding(randomUUID());
    const shared2 = await api.createBuilding(ben);
    await api.join(sharedManager, shared.id, ana);
    await api.join(sharedManager, shared.id, ben);
    await api.request(ben, benPending.id);
    await api.request(ana, anaPending.id);
    const pendingAtBen = await api.request(ana, shared2.id);
    await api.approve(ben, pendingAtBen.id);

    expect(await buildingsOf(ana, ana)).toEqual([`${shared.id}:ACTIVE`, `${anaOnly.id}:ACTIVE`, `${benPending.id}:ACTIVE`, `${anaPending.id}:PENDING`, `${shared2.id}:ACTIVE`].sort());
    expect(await buildingsOf(ben, ana)).toEqual([`${shared.id}:ACTIVE`, `${shared2.id}:ACTIVE`].sort());
    expect(await buildingsOf(ana, ben)).toEqual([`${shared.id}:ACTIVE`, `${shared2.id}:ACTIVE`].sort());
    expect(await buildingsOf(randomUUID(), ana)).toEqual([]);
    expect(await buildingsOf(null, ana)).toEqual([]);
  });

  it('carries the same fields as the mutations that made the memberships returned (entities)', async () => {
    const fields = 'id status role requestedAt joinedAt building { id } user { id }';
    const managerId = randomUUID();
    const userId = randomUUID();
    const building = await api.createBuilding(managerId);
    const pending = await api.data<{ requestMembership: { id: string } }>(userId, `mutation($id: ID!) { requestMembership(buildingId: $id) { ${fields} } }`, { id: building.id });
    const other = await api.createBuilding(randomUUID());
    const request = await api.data<{ requestMembership: { id: string } }>(userId, `mutation($id: ID!) { requestMembership(buildingId: $id) { ${fields} } }`, { id: other.id });
    const { approveMembership: approved } = await api.data<{ approveMembership: unknown }>(managerId, `mutation($id: ID!) { approveMembership(membershipId: $id) { ${fields} } }`, {
      id: pending.requestMembership.id,
    });
    const read = await api.data<{ _entities: Array<{ buildings: unknown[] }>; myBuildings: unknown[] }>(
      userId,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { buildings { ${fields} } } } myBuildings { ${fields} } }`,
      { r: [{ __typename: 'User', id: userId }] },
    );
    expect(read._entities[0]!.buildings).toEqual([approved, request.requestMembership]);
    expect(read.myBuildings).toEqual([approved, request.requestMembership]);
  });

  it('resolves a batch of users in one SQL statement', async () => {
    const managerId = randomUUID();
    const building = await api.createBuilding(managerId);
    const users: string[] = [];
    for (let n = 0; n < 20; n += 1) users.push((await api.join(managerId, building.id)).user.id);
    const { result, statements } = await countStatements(buildings.app, () =>
      api.data<{ _entities: Array<{ buildings: unknown[] }> }>(managerId, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { buildings { id status } } } }', {
        r: users.map((id) => ({ __typename: 'User', id })),
      }),
    );
    expect(result._entities.every((user) => user.buildings.length === 1)).toBe(true);
    expect(statements).toHaveLength(1);
  });
});
