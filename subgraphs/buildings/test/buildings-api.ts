import { randomBytes, randomUUID } from 'node:crypto';
import { dataOf, type GraphQLResult } from '../../../test/support/graphql.js';
import { signedPost } from '../../../test/support/signed-request.js';

/** Calls to the buildings subgraph as the router would make them, on behalf of `userId` (null: signed out). */
export function buildingsApi(graphqlUrl: string) {
  const call = <Data = Record<string, unknown>>(userId: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<Data>> =>
    signedPost<Data>(graphqlUrl, query, variables, { userId });

  const data = async <Data>(userId: string | null, query: string, variables: Record<string, unknown> = {}): Promise<Data> => dataOf(await call<Data>(userId, query, variables));

  const request = async (userId: string, buildingId: string): Promise<MembershipResult> =>
    (await data<{ requestMembership: MembershipResult }>(userId, REQUEST, { id: buildingId })).requestMembership;
  const approve = async (managerId: string, membershipId: string): Promise<MembershipResult> =>
    (await data<{ approveMembership: MembershipResult }>(managerId, APPROVE, { id: membershipId })).approveMembership;

  return {
    call,
    data,
    request,
    approve,
    async createBuilding(managerId: string, input: Partial<BuildingInput> = {}): Promise<CreatedBuilding> {
      return (await data<{ createBuilding: CreatedBuilding }>(managerId, CREATE_BUILDING, { input: newBuildingInput(input) })).createBuilding;
    },
    /** A new user (or `userId`), ACTIVE RESIDENT of the building. */
    async join(managerId: string, buildingId: string, userId: string = randomUUID()): Promise<MembershipResult> {
      return approve(managerId, (await request(userId, buildingId)).id);
    },
  };
}

export interface BuildingInput {
  name: string;
  slug: string;
  address: string;
  city: string;
  country: string;
}

export interface CreatedBuilding extends BuildingInput {
  id: string;
  memberCount: number;
}

export interface MembershipResult {
  id: string;
  status: string;
  role: string;
  building: { id: string };
  user: { id: string };
}

export const MEMBERSHIP_FIELDS = 'id status role building { id } user { id }';
export const CREATE_BUILDING = 'mutation($input: CreateBuildingInput!) { createBuilding(input: $input) { id name slug address city country memberCount } }';
export const REQUEST = `mutation($id: ID!) { requestMembership(buildingId: $id) { ${MEMBERSHIP_FIELDS} } }`;
export const APPROVE = `mutation($id: ID!) { approveMembership(membershipId: $id) { ${MEMBERSHIP_FIELDS} } }`;
export const REJECT = `mutation($id: ID!) { rejectMembership(membershipId: $id) { ${MEMBERSHIP_FIELDS} } }`;
export const REMOVE = `mutation($id: ID!) { removeMember(membershipId: $id) { ${MEMBERSHIP_FIELDS} } }`;
export const LEAVE = `mutation($id: ID!) { leaveBuilding(buildingId: $id) { ${MEMBERSHIP_FIELDS} } }`;
export const CHANGE_ROLE = `mutation($id: ID!, $role: MembershipRole!) { changeMemberRole(membershipId: $id, role: $role) { ${MEMBERSHIP_FIELDS} } }`;

export function uniqueSlug(prefix = 'b'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

export function newBuildingInput(input: Partial<BuildingInput> = {}): BuildingInput {
  return { name: 'Maple Court', slug: uniqueSlug(), address: '12 Maple Street', city: 'Berlin', country: 'DE', ...input };
}
