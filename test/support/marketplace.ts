import { randomBytes } from 'node:crypto';
import type { Logger } from '@lobby/platform';
import { createMarketplaceApp, type MarketplaceApp } from '../../subgraphs/marketplace/src/app.js';
import { marketplaceDatabase } from '../../subgraphs/marketplace/src/database.js';
import { loadMarketplaceEnv } from '../../subgraphs/marketplace/src/env.js';
import { signedPost } from './signed-request.js';
import { startSubgraph, type RunningSubgraph } from './subgraph.js';

export type RunningMarketplace = RunningSubgraph<MarketplaceApp>;

/**
 * marketplace on a fresh, migrated database of its own, listening on a free port, asking the
 * given buildings subgraph for memberships (`BUILDINGS_SUBGRAPH_URL`).
 */
export function startMarketplace(buildingsGraphqlUrl: string, overrides: Record<string, string> = {}, logger?: Logger): Promise<RunningMarketplace> {
  return startSubgraph(
    { name: 'marketplace', loadEnv: loadMarketplaceEnv, database: marketplaceDatabase, createApp: createMarketplaceApp },
    { BUILDINGS_SUBGRAPH_URL: buildingsGraphqlUrl, ...overrides },
    logger,
  );
}

export const LISTING_FIELDS = 'id title description status visibility condition photoIds price { amount currency } category { id slug } seller { id } building { id } listedAt createdAt updatedAt';

export interface ListingResult {
  id: string;
  title: string;
  description: string;
  status: string;
  visibility: string;
  condition: string;
  photoIds: string[];
  price: { amount: number; currency: string };
  category: { id: string; slug: string };
  seller: { id: string };
  building: { id: string };
  listedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewListingInput {
  buildingId: string;
  title: string;
  description: string;
  priceAmount: number;
  currency: string;
  categoryId: string;
  condition: string;
  visibility?: string;
  photoIds?: string[];
}

/** Category ids the marketplace migration seeds (fixed, so tests can name them). */
export const CATEGORY = {
  electronics: 'ca7e0000-0000-4000-8000-000000001000',
  phones: 'ca7e0000-0000-4000-8000-000000001001',
  furniture: 'ca7e0000-0000-4000-8000-000000002000',
  bicycles: 'ca7e0000-0000-4000-8000-000000006001',
} as const;

export function newListingInput(buildingId: string, input: Partial<NewListingInput> = {}): NewListingInput {
  return {
    buildingId,
    title: 'Oak dining table',
    description: 'Solid oak, seats six. Pick up from the lobby.',
    priceAmount: 12_000,
    currency: 'EUR',
    categoryId: CATEGORY.furniture,
    condition: 'GOOD',
    ...input,
  };
}

export const CREATE_LISTING = `mutation($input: CreateListingInput!) { createListing(input: $input) { ${LISTING_FIELDS} } }`;
export const PUBLISH_LISTING = `mutation($id: ID!) { publishListing(id: $id) { ${LISTING_FIELDS} } }`;
export const LISTING = `query($id: ID!) { listing(id: $id) { ${LISTING_FIELDS} } }`;
export const LISTINGS = `query($filter: ListingFilterInput, $query: String, $sort: ListingSort, $first: Int, $after: String) {
  listings(filter: $filter, query: $query, sort: $sort, first: $first, after: $after) { edges { cursor node { id title price { amount } } } pageInfo { hasNextPage endCursor } }
}`;

/**
 * Buildings and memberships for marketplace tests, made through the buildings subgraph's own API
 * (signed as the router would), so marketplace's membership lookup meets the real thing.
 */
export function neighbourhoods(buildingsGraphqlUrl: string) {
  async function data<Data>(userId: string, query: string, variables: Record<string, unknown>): Promise<Data> {
    const result = await signedPost<Data>(buildingsGraphqlUrl, query, variables, { userId });
    if (result.body.errors || !result.body.data) throw new Error(`buildings refused: ${JSON.stringify(result.body.errors)}`);
    return result.body.data;
  }
  return {
    /** A building with `managerId` as its first ACTIVE manager; returns its id. */
    async createBuilding(managerId: string, name = 'Maple Court'): Promise<string> {
      const input = { name, slug: `mp-${randomBytes(5).toString('hex')}`, address: '12 Maple Street', city: 'Berlin', country: 'DE' };
      return (await data<{ createBuilding: { id: string } }>(managerId, 'mutation($input: CreateBuildingInput!) { createBuilding(input: $input) { id } }', { input })).createBuilding.id;
    },
    /** Makes `userId` an ACTIVE resident of the building (request, then the manager approves). */
    async join(managerId: string, buildingId: string, userId: string): Promise<void> {
      const { requestMembership } = await data<{ requestMembership: { id: string } }>(userId, 'mutation($id: ID!) { requestMembership(buildingId: $id) { id } }', { id: buildingId });
      await data(managerId, 'mutation($id: ID!) { approveMembership(membershipId: $id) { id } }', { id: requestMembership.id });
    },
    async leave(userId: string, buildingId: string): Promise<void> {
      await data(userId, 'mutation($id: ID!) { leaveBuilding(buildingId: $id) { id } }', { id: buildingId });
    },
  };
}
