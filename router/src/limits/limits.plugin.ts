import type { ApolloServerPlugin } from '@apollo/server';
import type { RouterContext } from '../context.js';
import { costModel, type CostOf } from './list-cost.js';
import { LimitCode, LimitExceededError } from './limit-error.js';
import type { OperationLimits } from './operation-limits.js';
import { checkShapeLimits } from './static-limits.js';

const REMEMBERED_DOCUMENTS = 1_000;

/**
 * Refuses an operation over a limit once it is parsed and validated, before it is planned or
 * registered as a persisted query, so no subgraph is ever called for it. (The token limit acts
 * earlier, inside the parser.) A document that passed its shape checks is remembered by hash with
 * its cost model, so the steady state is pricing the variables.
 */
export function operationLimitsPlugin(limits: OperationLimits): ApolloServerPlugin<RouterContext> {
  const passed = new Map<string, CostOf>();
  return {
    async serverWillStart() {
      // A reloaded supergraph may change which fields are lists.
      return { async schemaDidLoadOrUpdate() { passed.clear(); } };
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ document, queryHash, schema, request }) {
          let costOf = passed.get(queryHash);
          if (!costOf) {
            checkShapeLimits(schema, document, limits);
            costOf = costModel(schema, document, limits.assumedListSize);
            if (passed.size >= REMEMBERED_DOCUMENTS) passed.delete(passed.keys().next().value!);
            passed.set(queryHash, costOf);
          }
          const cost = costOf(request.variables);
          if (cost > limits.maxCost) {
            throw new LimitExceededError(LimitCode.COST, `Operation cost ${cost} is over the limit of ${limits.maxCost}; ask for smaller pages.`);
          }
        },
      };
    },
  };
}
