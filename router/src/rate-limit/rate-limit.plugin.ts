import type { ApolloServerPlugin } from '@apollo/server';
import { Kind } from 'graphql';
import type { RouterContext } from '../context.js';
import { AUTH_OPERATIONS, type RouterRateLimits } from './rate-limits.js';

/** Counts sign-in, sign-up and refresh operations against their stricter per-address bucket. */
export function authRateLimitPlugin(limits: RouterRateLimits): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (!operation || operation.operation !== 'mutation') return;
          const touchesAuth = operation.selectionSet.selections.some(
            (selection) => selection.kind === Kind.FIELD && AUTH_OPERATIONS.has(selection.name.value),
          );
          if (touchesAuth) await limits.admitAuthOperation(contextValue.caller.clientIp);
        },
      };
    },
  };
}
