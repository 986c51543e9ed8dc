import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUp, type Session } from '../support/auth-flows.js';
import { startBuildings, type RunningBuildings } from '../support/buildings.js';
import { errorCodes, postGraphQL } from '../support/graphql.js';
import { startIdentity, type RunningIdentity } from '../support/identity.js';
import { startRouter, type RunningRouter } from '../support/router.js';

let identity: RunningIdentity;
let buildings: RunningBuildings;
let router: RunningRouter;

beforeAll(async () => {
  identity = await startIdentity();
  buildings = await startBuildings();
  router = await startRouter(identity, { SUBGRAPH_URL_BUILDINGS: buildings.graphqlUrl, RATE_LIMIT_WRITES_PER_BUILDING: '3' });
});

afterAll(async () => {
  await router?.close();
  await buildings?.close();
  await identity?.close();
});

async function createBuilding(manager: Session, slug: string): Promise<string> {
  const result = await postGraphQL<{ createBuilding: { id: string } }>(router.graphqlUrl, 'mutation($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }', {
    token: manager.accessToken,
    variables: { input: { name: 'Limited Court', slug, address: '1 Main St', city: 'Lyon', country: 'FR' } },
  });
  return result.body.data!.createBuilding.id;
}

const requestMembership = (user: Session, buildingId: string) =>
  postGraphQL(router.graphqlUrl, 'mutation($b: ID!) { requestMembership(buildingId: $b) { status } }', { token: user.accessToken, variables: { b: buildingId } });

describe('per-building rate limit', () => {
  it('limits mutations acting on one building across all accounts, and no other building', async () => {
    const manager = await signUp(router.graphqlUrl);
    const suffix = Date.now().toString(36);
    const [busy, quiet] = [await createBuilding(manager, `busy-${suffix}`), await createBuilding(manager, `quiet-${suffix}`)];
    const residents = await Promise.all(Array.from({ length: 5 }, () => signUp(router.graphqlUrl)));
    const codes = [];
    for (const resident of residents) codes.push(errorCodes(await requestMembership(resident, busy))[0] ?? 'ok');
    expect(codes).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(errorCodes(await requestMembership(residents[4]!, quiet))).toEqual([]);
  });
});
