import { ServiceUnavailableError, createSubgraphCaller, type CallerContext } from '@lobby/platform';
import { z } from 'zod';

/**
 * Asks the buildings subgraph which buildings the caller is an ACTIVE member of, through
 * buildings' published contract (`User.buildings` behind `_entities`), signed with the caller's
 * own context: buildings answers exactly what it would answer the caller through the router.
 * The interim design until marketplace keeps a projection of membership events
 * (docs/adr/0007-marketplace-tenancy.md).
 */
export interface ActiveBuildingsClient {
  /** Building ids; [] for a signed-out caller (without asking). SERVICE_UNAVAILABLE when buildings does not answer. */
  activeBuildingIds(caller: CallerContext): Promise<string[]>;
  close(): Promise<void>;
}

export interface ActiveBuildingsClientOptions {
  url: string;
  signingSecret: string;
  timeoutMs: number;
}

export const ACTIVE_BUILDINGS_QUERY =
  'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { buildings { status building { id } } } } }';

const answer = z.object({
  data: z.object({
    _entities: z.tuple([z.object({ buildings: z.array(z.object({ status: z.string(), building: z.object({ id: z.string() }) })) })]),
  }),
  // Any error (even beside data) means the answer cannot be trusted to be complete.
  errors: z.undefined().optional(),
});

export function createActiveBuildingsClient({ url, signingSecret, timeoutMs }: ActiveBuildingsClientOptions): ActiveBuildingsClient {
  const buildings = createSubgraphCaller({ url, signingSecret, timeoutMs });
  const unavailable = (cause?: unknown) => new ServiceUnavailableError('The buildings service did not answer; try again shortly.', cause);

  return {
    async activeBuildingIds(caller) {
      if (!caller.userId) return [];
      let parsed: unknown;
      try {
        parsed = await buildings.query(caller, ACTIVE_BUILDINGS_QUERY, { r: [{ __typename: 'User', id: caller.userId }] });
      } catch (error) {
        throw unavailable(error);
      }
      const result = answer.safeParse(parsed);
      if (!result.success) throw unavailable(new Error(`unexpected answer from buildings: ${JSON.stringify(parsed).slice(0, 500)}`));
      return result.data.data._entities[0].buildings.filter((membership) => membership.status === 'ACTIVE').map((membership) => membership.building.id);
    },
    close: () => buildings.close(),
  };
}
