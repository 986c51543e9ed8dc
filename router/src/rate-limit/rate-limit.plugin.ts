import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, getArgumentValues, type FieldNode } from 'graphql';
import type { RouterContext } from '../context.js';
import { AUTH_OPERATIONS, type RouterRateLimits } from './rate-limits.js';

/**
 * The operation-aware buckets, counted once the operation is known: sign-in, sign-up and refresh
 * per address; and every mutation acting on a building (a `buildingId` argument, or one in its
 * `input`) per building, so one building's activity cannot be flooded from many accounts.
 */
export function operationRateLimitPlugin(limits: RouterRateLimits): ApolloServerPlugin<RouterContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, schema, request, contextValue }) {
          if (!operation || operation.operation !== 'mutation') return;
          const mutationType = schema.getMutationType();
          const fields = operation.selectionSet.selections.filter((selection): selection is FieldNode => selection.kind === Kind.FIELD);
          if (fields.some((field) => AUTH_OPERATIONS.has(field.name.value))) await limits.admitAuthOperation(contextValue.caller.clientIp);
          const buildings = new Set<string>();
          for (const field of fields) {
            const definition = mutationType?.getFields()[field.name.value];
            if (!definition) continue;
            const args = getArgumentValues(definition, field, request.variables ?? {});
            const input = args.input as Record<string, unknown> | undefined;
            for (const value of [args.buildingId, input?.buildingId]) if (typeof value === 'string') buildings.add(value);
          }
          for (const buildingId of buildings) await limits.admitBuildingWrite(buildingId);
        },
      };
    },
  };
}
