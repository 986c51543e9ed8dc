// graphql-ws clients for the chat scenario, as an app would open them: one authenticated
// WebSocket per device, `messageAdded(conversationId)` subscriptions on it.
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

// The payload selects a field of another subgraph (identity), as a chat screen does.
const MESSAGE_ADDED = 'subscription Fanout($c: ID!) { messageAdded(conversationId: $c) { id body sender { displayName } } }';

/**
 * One connection (one device) of one session; `subscribe` adds a subscription to it. Counts what
 * the server ends (errors, completions), so the scenario can tell that idle subscriptions held.
 */
export function openConnection(routerUrl, token) {
  const client = createClient({
    url: routerUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    // Keep the socket open even between subscriptions.
    lazyCloseTimeout: 60_000,
  });
  const connection = {
    ended: 0,
    lastError: null,
    subscribe(conversationId, onMessage = () => {}) {
      client.subscribe(
        { query: MESSAGE_ADDED, variables: { c: conversationId } },
        {
          next: (result) => (result.data ? onMessage(result.data.messageAdded) : connection.fail(result.errors)),
          error: (error) => connection.fail(error),
          complete: () => (connection.ended += 1),
        },
      );
    },
    fail(error) {
      connection.ended += 1;
      connection.lastError = JSON.stringify(error?.message ?? error?.reason ?? error).slice(0, 300);
    },
    close: () => client.dispose(),
  };
  return connection;
}
