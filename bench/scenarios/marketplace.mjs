// Marketplace feed and search (issue 8), on `pnpm seed`'s data set: signed-in neighbours ask for
// the 20 newest listings they may see (with seller and building names, resolved in identity and
// buildings, and photos from media), or search them by keyword, at 50 connections. Then (full mode) the SQL statements one
// operation costs in each database, counted on the wire in a separate pass (lib/lobby/statement-counter.mjs).
import { performance } from 'node:perf_hooks';
import { graphql } from '../lib/lobby/client.mjs';
import { measureLoad } from '../lib/lobby/load.mjs';
import { feedRequests, marketplaceMissing, searchRequests, seed, signInNeighbours } from '../lib/lobby/marketplace-data.mjs';
import { startStatementCounter } from '../lib/lobby/statement-counter.mjs';
import { CONNECTIONS } from '../lib/config.mjs';

export const STATEMENT_COUNTER_PORT = 5291;
export const TARGETS = { feedP99Ms: 50 };
const COUNTED_SUBGRAPHS = ['identity', 'buildings', 'marketplace', 'media'];
const COUNTED_OPERATIONS = 20;

const post = (stack, { token, body }) => {
  const { query, variables } = JSON.parse(body);
  return graphql(stack.routerUrl, query, { token, variables });
};

/** Statements per operation in each database, over COUNTED_OPERATIONS sequential operations. */
async function statementsPerOperation(stack, counter, requests) {
  for (const request of requests.slice(0, 3)) await post(stack, request); // warm the restarted processes
  const counts = await counter.count(async () => {
    for (let n = 0; n < COUNTED_OPERATIONS; n += 1) await post(stack, requests[n % requests.length]);
  });
  const perSubgraph = Object.fromEntries(
    COUNTED_SUBGRAPHS.map((name) => [name, (counts[new URL(stack.databaseUrls[name]).pathname.slice(1)] ?? 0) / COUNTED_OPERATIONS]),
  );
  return { ...perSubgraph, total: Object.values(perSubgraph).reduce((a, b) => a + b, 0), operations: COUNTED_OPERATIONS };
}

/**
 * The counting pass: the three subgraphs restarted with their database connections through the
 * counting proxy, after the load (the proxy is never in the path of a measured window).
 */
async function countStatements(stack, feed, search, log) {
  const started = performance.now();
  const counter = await startStatementCounter({ port: STATEMENT_COUNTER_PORT });
  try {
    stack.unpinForSetup();
    await stack.restartThrough(COUNTED_SUBGRAPHS, counter.serverUrl);
    const statements = { feed: await statementsPerOperation(stack, counter, feed), search: await statementsPerOperation(stack, counter, search) };
    log(`marketplace: SQL statements per operation — feed ${JSON.stringify(statements.feed)}, search ${JSON.stringify(statements.search)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    return statements;
  } finally {
    await counter.close();
  }
}

export async function runMarketplace({ stack, plan, workDir, log }) {
  const missing = marketplaceMissing(Boolean(stack.databaseUrls.marketplace));
  if (missing) {
    log(`marketplace: SKIPPED — ${missing}`);
    const skipped = { skipped: true, reason: missing };
    return { 'marketplace-feed': skipped, 'marketplace-search': skipped };
  }
  stack.unpinForSetup();
  const started = performance.now();
  const seeded = await seed(plan.seed, '0,1');
  log(`marketplace: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s — ${seeded}`);
  const viewers = await signInNeighbours(stack.routerUrl, CONNECTIONS);
  const feed = feedRequests(viewers);
  const search = searchRequests(viewers);
  // Check the answers before any load: a feed of 20 listings with the names resolved.
  const page = (await post(stack, feed[0])).listings.edges;
  if (page.length !== 20 || !page[0].node.seller?.displayName || !page[0].node.building?.name || !page[0].node.photos?.[0]?.variants?.[0]?.url) {
    throw new Error(`the feed answered ${page.length} listings: ${JSON.stringify(page[0]).slice(0, 200)}`);
  }
  const hits = (await post(stack, search[0])).listings.edges.length;

  const common = { stack, connections: CONNECTIONS, warmupS: plan.scenarioWarmupS, measureS: plan.scenarioMeasureS, workDir, mustContain: '"edges"' };
  const feedLoad = await measureLoad({ ...common, name: 'marketplace-feed', requests: feed });
  log(`marketplace-feed: ${feedLoad.rps} rps, p50 ${feedLoad.p50Ms} ms, p99 ${feedLoad.p99Ms} ms, errors ${feedLoad.errors}`);
  const searchLoad = await measureLoad({ ...common, name: 'marketplace-search', requests: search });
  log(`marketplace-search: ${searchLoad.rps} rps, p50 ${searchLoad.p50Ms} ms, p99 ${searchLoad.p99Ms} ms, errors ${searchLoad.errors}`);

  const statements = plan.countStatements ? await countStatements(stack, feed, search, log) : { feed: null, search: null };
  const dataSet = { ...plan.seed, viewers: viewers.length };
  return {
    'marketplace-feed': {
      dataSet,
      listingsPerPage: page.length,
      ...feedLoad,
      sqlStatementsPerOperation: statements.feed,
      targets: { p99Ms: { target: TARGETS.feedP99Ms, p99Ms: feedLoad.p99Ms, met: feedLoad.errors === 0 && feedLoad.p99Ms <= TARGETS.feedP99Ms } },
    },
    'marketplace-search': { dataSet, keywordHitsOnFirstPage: hits, ...searchLoad, sqlStatementsPerOperation: statements.search },
  };
}
