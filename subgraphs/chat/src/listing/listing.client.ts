import { ServiceUnavailableError, type CallerContext, type SubgraphCaller } from '@lobby/platform';
import { z } from 'zod';

export interface ListingSummary {
  id: string;
  status: string;
  sellerId: string;
}

export const LISTING_QUERY = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Listing { id status seller { id } } } }';

const answer = z.object({
  data: z.object({
    _entities: z.tuple([z.object({ id: z.string(), status: z.string(), seller: z.object({ id: z.string() }) }).nullable()]),
  }),
  errors: z.undefined().optional(),
});

/**
 * Asks marketplace about a listing through marketplace's published contract, as the caller: a
 * listing the caller may not see comes back null, exactly as it would through the router, so chat
 * never learns more than the caller could. Chat stores only the listing's id.
 */
export async function findListing(marketplace: SubgraphCaller, caller: CallerContext, listingId: string): Promise<ListingSummary | null> {
  let parsed: unknown;
  try {
    parsed = await marketplace.query(caller, LISTING_QUERY, { r: [{ __typename: 'Listing', id: listingId }] });
  } catch (error) {
    throw new ServiceUnavailableError('The marketplace service did not answer; try again shortly.', error);
  }
  const result = answer.safeParse(parsed);
  if (!result.success) throw new ServiceUnavailableError('The marketplace service gave an unexpected answer.', new Error(JSON.stringify(parsed).slice(0, 500)));
  const listing = result.data.data._entities[0];
  return listing ? { id: listing.id, status: listing.status, sellerId: listing.seller.id } : null;
}
