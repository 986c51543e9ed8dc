// Rows and subscriptions for the chat scenario, created through the router as clients would:
// accounts by signUp, conversations by startConversation, subscriptions over graphql-ws.
import { graphql, pool } from './client.mjs';
import { openConnection } from './subscribers.mjs';
import { readMetric } from './observe.mjs';

const CONVERSATIONS_PER_REQUEST = 10; // aliased startConversation fields: under the router's root-field limit (20)
const SUBSCRIPTIONS_PER_CONNECTION = 50; // the router's default WS_MAX_SUBSCRIPTIONS_PER_CONNECTION

/** Fewest users whose pairs give n distinct DIRECT conversations: k(k−1)/2 ≥ n. */
export const usersForPairs = (n) => Math.ceil((1 + Math.sqrt(1 + 8 * n)) / 2);

/**
 * Pairs (i, j), i < j, ordered by j: the first k(k−1)/2 pairs are exactly those among the first k
 * users, so the smaller level uses fewer users, each with more conversations, like the larger.
 */
export function idlePairs(n) {
  const pairs = [];
  for (let j = 1; pairs.length < n; j += 1) for (let i = 0; i < j && pairs.length < n; i += 1) pairs.push([i, j]);
  return pairs;
}

/** One startConversation per pair, called by its higher-numbered user; returns the ids in order. */
export async function startConversations(routerUrl, users, pairs) {
  const batches = [];
  for (let start = 0; start < pairs.length; ) {
    const caller = pairs[start][1];
    const batch = [];
    while (start < pairs.length && pairs[start][1] === caller && batch.length < CONVERSATIONS_PER_REQUEST) batch.push(pairs[start++]);
    batches.push(batch);
  }
  const results = await pool(batches, 8, async (batch) => {
    const fields = batch.map(([other], k) => `c${k}: startConversation(withUserId: "${users[other].userId}") { id }`);
    const data = await graphql(routerUrl, `mutation StartMany { ${fields.join(' ')} }`, { token: users[batch[0][1]].token });
    return batch.map((_, k) => data[`c${k}`].id);
  });
  return results.flat();
}

/**
 * Subscribes one participant of each conversation (alternating, so users carry similar numbers),
 * each user's subscriptions on their own connections, at most 50 to a connection.
 */
export async function subscribeIdle(routerUrl, users, pairs, conversationIds) {
  const byUser = new Map();
  pairs.forEach(([i, j], index) => {
    const subscriber = (i + j) % 2 ? i : j;
    if (!byUser.has(subscriber)) byUser.set(subscriber, []);
    byUser.get(subscriber).push(conversationIds[index]);
  });
  const connections = [];
  for (const [user, ids] of byUser) {
    for (let start = 0; start < ids.length; start += SUBSCRIPTIONS_PER_CONNECTION) {
      const connection = openConnection(routerUrl, users[user].token);
      connections.push(connection);
      for (const id of ids.slice(start, start + SUBSCRIPTIONS_PER_CONNECTION)) connection.subscribe(id);
    }
  }
  return connections;
}

/** Waits until the router's gauge shows `count` live subscriptions; throws after timeoutMs. */
export async function waitForActive(routerOrigin, count, timeoutMs, connections = []) {
  const deadline = Date.now() + timeoutMs;
  let active = 0;
  while (Date.now() < deadline) {
    active = await readMetric(`${routerOrigin}/metrics`, 'lobby_router_subscriptions_active');
    if (active >= count) return active;
    const refused = connections.find((c) => c.lastError);
    if (refused) throw new Error(`a subscription was refused: ${refused.lastError}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`only ${active} of ${count} subscriptions active after ${timeoutMs / 1000}s`);
}
