import { dataOf, type GraphQLResult } from '../../../test/support/graphql.js';
import { CREATE_LISTING, PUBLISH_LISTING, newListingInput, type ListingResult, type NewListingInput } from '../../../test/support/marketplace.js';
import { signedPost } from '../../../test/support/signed-request.js';

/** Calls to the marketplace subgraph as the router would make them, on behalf of `userId` (null: signed out). */
export function marketplaceApi(graphqlUrl: string) {
  const call = <Data = Record<string, unknown>>(userId: string | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<Data>> =>
    signedPost<Data>(graphqlUrl, query, variables, { userId });

  const data = async <Data>(userId: string | null, query: string, variables: Record<string, unknown> = {}): Promise<Data> => dataOf(await call<Data>(userId, query, variables));

  async function createListing(sellerId: string, buildingId: string, input: Partial<NewListingInput> = {}): Promise<ListingResult> {
    return (await data<{ createListing: ListingResult }>(sellerId, CREATE_LISTING, { input: newListingInput(buildingId, input) })).createListing;
  }

  async function publish(sellerId: string, listingId: string): Promise<ListingResult> {
    return (await data<{ publishListing: ListingResult }>(sellerId, PUBLISH_LISTING, { id: listingId })).publishListing;
  }

  return {
    call,
    data,
    createListing,
    publish,
    /** Created and published: ACTIVE. */
    async listActive(sellerId: string, buildingId: string, input: Partial<NewListingInput> = {}): Promise<ListingResult> {
      return publish(sellerId, (await createListing(sellerId, buildingId, input)).id);
    },
  };
}
