// The Lobby scenarios' section of results/*.md: one table per scenario, its targets, and why a
// scenario was skipped or failed.
const met = (target) => (target.met === null ? 'not measured in this mode' : target.met ? '**met**' : '**not met**');
const cpu = (perOp, names) => names.map((n) => perOp?.[n] ?? '—').join(' · ');
const list = (n) => n.toLocaleString('en-US');

function chat(s, messages) {
  const lines = [
    `${s.subscribersInConversation} subscriptions on one conversation (its two participants × 5 devices, each its own session and WebSocket) while N others sit idle, each on a conversation of its own whose participant it is. ` +
      `${messages} messages sent one after another over HTTP; latency = \`sendMessage\` sent → the last of the ${s.subscribersInConversation} subscribers received it. ` +
      `Memory: router RSS and live JS heap after a forced full GC, minus the same with no idle subscription (${s.baselineRouterRssMb} MB RSS).`,
    '',
    '| idle subscriptions | held | connections | p50 ms | p99 ms | max ms | lost | sendMessage p50 ms | router RSS MB | RSS KB / idle sub | heap KB / idle sub | CPU ms / message: router · chat · identity |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const l of s.levels) {
    lines.push(
      `| ${list(l.idleSubscriptions)} | ${list(l.idleHeld)}${l.idleEnded ? ` (${l.idleEnded} ended)` : ''} | ${l.idleConnections} | ${l.p50Ms} | ${l.p99Ms} | ${l.maxMs} | ${l.lost} | ` +
        `${l.sendMutationP50Ms} | ${l.routerRssMb} | ${l.memoryPerIdleSubscriptionKb} | ${l.heapPerIdleSubscriptionKb} | ${cpu(l.cpuMsPerMessage, ['router', 'chat', 'identity'])} |`,
    );
  }
  const { held, p99Ms } = s.targets;
  lines.push(
    '',
    `Targets: ${list(held.target)} subscriptions held — ${met(held)} (${list(held.held)} held of ${list(held.measuredAt)} opened); ` +
      `p99 ≤ ${p99Ms.target} ms for the 10-subscriber conversation while ${list(held.target)} are idle — ${met(p99Ms)} (p99 ${p99Ms.p99Ms} ms with ${list(p99Ms.measuredAt)} idle).`,
  );
  return lines;
}

/** A table of wrk load tests; the SQL column only where statements were counted for the scenario. */
function load(rows, cpuNames, { sql = false } = {}) {
  const sqlHeader = sql ? ' SQL statements / op: marketplace · identity · buildings · media = total |' : '';
  const lines = [
    `| scenario | connections | RPS | p50 ms | p99 ms | errors |${sqlHeader} CPU ms / op: ${cpuNames.join(' · ')} |`,
    `|---|---|---|---|---|---|${sql ? '---|' : ''}---|`,
  ];
  for (const [name, s] of rows) {
    const counted = s.sqlStatementsPerOperation;
    const statements = counted ? `${counted.marketplace} · ${counted.identity} · ${counted.buildings} · ${counted.media} = ${counted.total}` : 'full mode only';
    lines.push(`| ${name} | ${s.connections} | ${s.rps} | ${s.p50Ms} | ${s.p99Ms} | ${s.errors} |${sql ? ` ${statements} |` : ''} ${cpu(s.cpuMsPerOperation, cpuNames)} |`);
  }
  return lines;
}

export function scenarioMarkdown(scenarios, run) {
  const lines = [
    '## Lobby scenarios',
    '',
    `Lobby's real services (the router and every subgraph from their dist/, production mode) on bench-only ports, databases and Redis keys. ` +
      `For every measurement the router is pinned to core ${run.gatewayCpu ?? 0}, the subgraphs, the load generator and this script to core ${run.loadCpu ?? 1}; PostgreSQL and Redis are not pinned. ${run.mode} mode.`,
  ];
  const unavailable = (name) => {
    const s = scenarios[name];
    if (s?.skipped) return `Skipped: ${s.reason}.`;
    if (!s) return `Failed: ${run.scenarioFailures?.[name] ?? 'not run'}.`;
    return null;
  };

  lines.push('', '### Chat fan-out: mutation → all subscribers received', '');
  lines.push(...(unavailable('chat-fanout') ? [unavailable('chat-fanout')] : chat(scenarios['chat-fanout'], run.chatMessages)));

  lines.push('', '### signIn', '');
  const signIn = scenarios['sign-in'];
  if (unavailable('sign-in')) lines.push(unavailable('sign-in'));
  else {
    lines.push(`\`signIn\` through the router, ${signIn.accounts} accounts in rotation, closed loop (wrk). argon2id costs identity tens of CPU ms per sign-in on purpose.`, '');
    lines.push(...load([['signIn', signIn]], ['router', 'identity']));
  }

  lines.push('', '### Marketplace feed and search', '');
  const feed = scenarios['marketplace-feed'];
  if (unavailable('marketplace-feed')) lines.push(unavailable('marketplace-feed'));
  else {
    const search = scenarios['marketplace-search'];
    const d = feed.dataSet;
    lines.push(
      `\`pnpm seed\` data (${list(d.users)} users, ${d.buildings} buildings, ${list(d.listings)} listings); ${d.viewers} signed-in neighbours in rotation. ` +
        'Feed: `listings(first: 20)` with `seller { displayName } building { name }` and `photos { id variants(maxWidth: 320) { format width url } }` (1–3 seeded photos a listing as thumbnails, resolved by media). Search: `listings(query: <keyword>, first: 20)`, 8 keywords. ' +
        (feed.sqlStatementsPerOperation
          ? `SQL statements counted on the wire over ${feed.sqlStatementsPerOperation.operations} operations each, in a separate pass after the load.`
          : 'SQL statements are counted in full mode only.'),
      '',
    );
    lines.push(...load([['feed', feed], ...(search ? [['search', search]] : [])], ['router', 'marketplace', 'identity', 'buildings', 'media'], { sql: true }));
    lines.push('', `Target: feed p99 ≤ ${feed.targets.p99Ms.target} ms at ${feed.connections} connections — ${met(feed.targets.p99Ms)} (p99 ${feed.p99Ms} ms).`);
  }

  lines.push('', '### Media compression: the worker against bare sharp', '');
  const media = scenarios.media;
  if (unavailable('media')) lines.push(unavailable('media'));
  else {
    lines.push(
      `${media.images} images (${media.image}) → ${media.variants}, one at a time on core 0: the media worker as deployed (queue, sandboxed child, local disk, result reported to the media service) ` +
        'against the same rendering code in a bare loop (run before and after the worker, averaged).',
      '',
      '| | images/s on one core | CPU ms / image | ms / image |',
      '|---|---|---|---|',
      `| media worker | ${media.worker.imagesPerSecondPerCore} | ${media.worker.cpuMsPerImage} (sandbox ${media.worker.sandboxCpuMsPerImage}) | ${media.worker.msPerImage} |`,
      `| bare sharp | ${media.bareSharp.imagesPerSecondPerCore} (runs ${media.bareSharp.runs.join(', ')}) | ${media.bareSharp.cpuMsPerImage} | ${media.bareSharp.msPerImage} |`,
      '',
      `Worker ÷ bare sharp: ${media.ratio} by throughput, ${media.cpuRatio} by CPU; the media service spends ${media.mediaServiceCpuMsPerImage} CPU ms per image (core 1). ` +
        `Target ≥ ${media.targets.ratio.target} — ${met(media.targets.ratio)}.`,
    );
    const path = media.uploadPathWhileWorkerBusy;
    if (path) {
      const step = (name) => `${name} p50 ${path[name].p50Ms} ms (max ${path[name].maxMs})`;
      lines.push(
        '',
        `The request path while the worker is busy (${path.probesWhileBusy} of ${path.probes} uploads of the same 12 MP photos with a job in hand): ` +
          `${step('createUpload')}, ${step('put')}, ${step('completeUpload')}.`,
      );
    }
  }
  return lines;
}
