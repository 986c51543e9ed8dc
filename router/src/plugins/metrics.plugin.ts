import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, latencyBuckets, type Registry } from '@lobby/platform';

/** Request counts and latencies per operation type (query, mutation, subscription, or invalid). */
export function metricsPlugin(registry: Registry): ApolloServerPlugin {
  const requests = new Counter({
    name: 'lobby_router_operations_total',
    help: 'GraphQL operations by type and outcome',
    labelNames: ['operation_type', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'lobby_router_operation_duration_seconds',
    help: 'GraphQL operation latency by type',
    labelNames: ['operation_type'] as const,
    buckets: latencyBuckets,
    registers: [registry],
  });
  return {
    async requestDidStart() {
      const stopTimer = duration.startTimer();
      let operationType = 'invalid';
      return {
        async didResolveOperation({ operation }) {
          operationType = operation?.operation ?? 'invalid';
        },
        async willSendResponse({ response }) {
          const errors = response.body.kind === 'single' && response.body.singleResult.errors?.length;
          requests.inc({ operation_type: operationType, outcome: errors ? 'error' : 'ok' });
          stopTimer({ operation_type: operationType });
        },
      };
    },
  };
}
