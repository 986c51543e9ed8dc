// Buildings through the router, beside identity: the federated paths a client uses (Membership.user
// from identity, User.buildings from buildings) and the statement count of a page of references.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newCredentials, signUp, type Session } from '../support/auth-flows.js';
import { countStatements, startBuildings, type RunningBuildings } from '../support/buildings.js';
import { errorCodes, postGraphQL } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { startRouter, type RunningRouter } from '../support/router.js';

let identity: RunningIdentity;
let buildings: RunningBuildings;
let router: RunningRouter;

beforeAll(async () => {
  identity = await startIdentity();
  buildings = await startBuildings();
  router = await startRouter(identity, { SUBGRAPH_URL_BUILDINGS: buildings.graphqlUrl });
});

afterAll(async () => {
  await router?.close();
  await buildings?.close();
  await identity?.close();
});

async function as<Data>(session: Session | null, query: string, variables: Record<string, unknown> = {}) {
  return postGraphQL<Data>(router.graphqlUrl, query, { variables, ...(session ? { token: session.accessToken } : {}) });
}

async function createBuilding(manager: Session, slug: string, name = 'Maple Court') {
  const result = await as<{ createBuilding: { id: string } }>(manager, 'mutation($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }', {
    input: { name, slug, address: '12 Maple Street', city: 'Berlin', country: 'DE' },
  });
  return result.body.data!.createBuilding.id;
}

describe('buildings through the router', () => {
  it('creates a building, requests and approves a membership, and shows members with their names', async () => {
    const manager = await signUp(router.graphqlUrl, newCredentials('Mara'));
    const resident = await signUp(router.graphqlUrl, newCredentials('Rui'));
    const outsider = await signUp(router.graphqlUrl, newCredentials('Otto'));
    const buildingId = await createBuilding(manager, `e2e-${Date.now().toString(36)}`);

    const requested = await as<{ requestMembership: { id: string; status: string } }>(resident, 'mutation($id: ID!) { requestMembership(buildingId: $id) { id status } }', { id: buildingId });
    expect(requested.body.data!.requestMembership.status).toBe('PENDING');
    const approved = await as<{ approveMembership: { status: string; user: { displayName: string } } }>(
      manager,
      'mutation($id: ID!) { approveMembership(membershipId: $id) { status user { displayName } } }',
      { id: requested.body.data!.requestMembership.id },
    );
    expect(approved.body.data!.approveMembership).toEqual({ status: 'ACTIVE', user: { displayName: 'Rui' } });

    const MEMBERS = 'query($id: ID) { building(id: $id) { name memberCount members { edges { node { role user { displayName } } } } } }';
    const seen = await as<{ building: { memberCount: number; members: { edges: Array<{ node: { role: string; user: { displayName: string } } }> } } }>(resident, MEMBERS, { id: buildingId });
    expect(seen.body.data!.building.memberCount).toBe(2);
    expect(seen.body.data!.building.members.edges.map((edge) => `${edge.node.user.displayName}:${edge.node.role}`)).toEqual(['Mara:MANAGER', 'Rui:RESIDENT']);

    const refused = await as<{ building: { name: string; members: null } }>(outsider, MEMBERS, { id: buildingId });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.body.data!.building).toMatchObject({ name: 'Maple Court', members: null });

    // User.buildings, reached through identity's User: the outsider shares nothing with the resident.
    const USER_BUILDINGS = 'query($id: ID!) { user(id: $id) { displayName buildings { status building { name } } } }';
    const byManager = await as<{ user: { buildings: unknown[] } }>(manager, USER_BUILDINGS, { id: resident.user.id });
    expect(byManager.body.data!.user.buildings).toEqual([{ status: 'ACTIVE', building: { name: 'Maple Court' } }]);
    const byOutsider = await as<{ user: { buildings: unknown[] } }>(outsider, USER_BUILDINGS, { id: resident.user.id });
    expect(byOutsider.body.data!.user.buildings).toEqual([]);
    const mine = await as<{ me: { buildings: unknown[] } }>(resident, '{ me { buildings { status role } } }');
    expect(mine.body.data!.me.buildings).toEqual([{ status: 'ACTIVE', role: 'RESIDENT' }]);
  });

  it('refuses a signed-out createBuilding with UNAUTHENTICATED', async () => {
    const result = await as(null, 'mutation { createBuilding(input: { name: "X", slug: "xyz", address: "a", city: "b", country: "DE" }) { id } }');
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
  });

  it('resolves 20 memberships with their buildings and member counts in three statements, not 41', async () => {
    const user = await signUp(router.graphqlUrl, newCredentials('Many'));
    for (let n = 0; n < 20; n += 1) await createBuilding(user, `many-${n}-${Date.now().toString(36)}`, `Many ${n}`);
    const { result, statements } = await countStatements(buildings.app, () =>
      as<{ me: { buildings: Array<{ building: { name: string; memberCount: number } }> } }>(user, '{ me { displayName buildings { building { name memberCount } } } }'),
    );
    expect(result.body.data!.me.buildings).toHaveLength(20);
    // One fetch to buildings: User.buildings (1 statement), their buildings (1), the member counts (1).
    expect(statements).toHaveLength(3);
  });
});
