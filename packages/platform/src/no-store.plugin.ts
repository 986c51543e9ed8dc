import type { ApolloServerPlugin } from '@apollo/server';

/**
 * Every subgraph answer is `cache-control: no-store`, as Apollo's cache-control plugin concluded
 * for each of them: no field has a cache hint and the default max age is 0, so no answer was ever
 * cacheable. That plugin reached the verdict by wrapping every resolver to compute a policy per
 * field — a twentieth of a feed page's CPU in marketplace — so subgraphs disable it and send the
 * header this way (docs/adr/0010-feed-hot-path.md). A subgraph that wants cache hints must bring
 * the plugin back.
 */
export function noStorePlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}
