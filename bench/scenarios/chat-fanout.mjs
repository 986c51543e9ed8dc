// Chat fan-out (issue 5): "mutation → all subscribers received". One DIRECT conversation has 10
// live subscriptions (its two participants on five devices each, every device its own session and
// WebSocket) while N other subscriptions sit idle, each on a conversation of its own whose
// participant it is. A message is sent over HTTP through the router; the time is taken until all
// 10 subscribers received it. Also: whether N idle subscriptions are held, and the router's memory
// per idle subscription. See bench/README.md.
import { performance } from 'node:perf_hooks';
import { graphql, signIn, signUpMany } from '../lib/lobby/client.mjs';
import { idlePairs, startConversations, subscribeIdle, usersForPairs, waitForActive } from '../lib/lobby/chat-setup.mjs';
import { collectGarbage } from '../lib/lobby/inspector.mjs';
import { cpuByService, percentile, readMetric, rssKb } from '../lib/lobby/observe.mjs';
import { ROUTER_INSPECT_PORT } from '../lib/lobby/stack.mjs';
import { openConnection } from '../lib/lobby/subscribers.mjs';

const DEVICES_PER_PARTICIPANT = 5;
const WARMUP_MESSAGES = 10;
const DELIVERY_TIMEOUT_MS = 5_000;
const SEND = 'mutation Send($input: SendMessageInput!) { sendMessage(input: $input) { id } }';
const round = (value, digits = 2) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

export const TARGETS = { held: 10_000, p99Ms: 50 };

/** The router's resident memory and live JS heap right after a forced full GC, in KB. */
async function routerMemoryKb(stack) {
  const { heapUsedBytes } = await collectGarbage(ROUTER_INSPECT_PORT);
  return { rss: rssKb(stack.router().pid), heap: heapUsedBytes / 1024 };
}

/** Sends `count` messages one after another; per message, ms until every subscriber had it. */
async function measureFanout({ routerUrl, sender, conversationId, inbox, subscribers, count, label }) {
  const fanoutMs = [];
  const sendMs = [];
  let lost = 0;
  for (let n = 0; n < count; n += 1) {
    const body = `${label} ${n}`;
    const arrived = new Promise((resolve) => {
      inbox.set(body, { remaining: subscribers, resolve });
      setTimeout(() => resolve(null), DELIVERY_TIMEOUT_MS).unref();
    });
    const started = performance.now();
    await graphql(routerUrl, SEND, { token: sender.token, variables: { input: { conversationId, body, clientMessageId: `${label}-${n}` } } });
    sendMs.push(performance.now() - started);
    const last = await arrived;
    inbox.delete(body);
    if (last === null) lost += 1;
    else fanoutMs.push(last - started);
  }
  return { fanoutMs, sendMs, lost };
}

export async function runChatFanout({ stack, plan, log }) {
  const { routerUrl, routerOrigin } = stack;
  const levels = plan.chatIdleLevels;
  const maxIdle = levels.at(-1);
  stack.unpinForSetup();

  const idleUserCount = usersForPairs(maxIdle);
  let started = performance.now();
  const [ana, ben, ...idleUsers] = await signUpMany(routerUrl, ['Ana', 'Ben', ...Array.from({ length: idleUserCount }, (_, i) => `Idle${i}`)]);
  const { startConversation } = await graphql(routerUrl, 'mutation($w: ID!) { startConversation(withUserId: $w) { id } }', { token: ana.token, variables: { w: ben.userId } });
  const conversationId = startConversation.id;
  log(`chat: ${idleUserCount + 2} users signed up in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // Each device of each participant: its own session (signIn), its own WebSocket.
  const inbox = new Map();
  const onMessage = (message) => {
    const waiting = inbox.get(message.body);
    if (waiting && --waiting.remaining === 0) waiting.resolve(performance.now());
  };
  const devices = await Promise.all([ana, ben].flatMap((participant) => Array.from({ length: DEVICES_PER_PARTICIPANT }, () => signIn(routerUrl, participant))));
  const connections = devices.map((device) => openConnection(routerUrl, device.token));
  for (const connection of connections) connection.subscribe(conversationId, onMessage);
  const subscribers = connections.length;
  const idleConnections = [];
  try {
    await waitForActive(routerOrigin, subscribers, 30_000, connections);
    const measure = (count, label) => measureFanout({ routerUrl, sender: ana, conversationId, inbox, subscribers, count, label });
    const warm = await measure(WARMUP_MESSAGES, 'warm-up');
    if (warm.lost) throw new Error(`${warm.lost} of ${WARMUP_MESSAGES} warm-up messages did not reach all ${subscribers} subscribers`);

    stack.pinForMeasurement();
    const baseline = await routerMemoryKb(stack);
    const results = [];
    const pairs = idlePairs(maxIdle);
    let idleOpen = 0;
    for (const idle of levels) {
      stack.unpinForSetup();
      started = performance.now();
      const added = pairs.slice(idleOpen, idle);
      const ids = await startConversations(routerUrl, idleUsers, added);
      const createdS = (performance.now() - started) / 1000;
      idleConnections.push(...(await subscribeIdle(routerUrl, idleUsers, added, ids)));
      idleOpen = idle;
      await waitForActive(routerOrigin, subscribers + idle, 180_000, idleConnections);
      log(`chat: ${idle} idle subscriptions on ${idleConnections.length} connections (conversations ${createdS.toFixed(1)} s, subscriptions ${((performance.now() - started) / 1000 - createdS).toFixed(1)} s)`);

      stack.pinForMeasurement();
      const memory = await routerMemoryKb(stack);
      const cpuBefore = cpuByService(stack);
      const run = await measure(plan.chatMessages, `idle-${idle}`);
      const cpuAfter = cpuByService(stack);
      const active = await readMetric(`${routerOrigin}/metrics`, 'lobby_router_subscriptions_active');
      const idleEnded = idleConnections.reduce((n, c) => n + c.ended, 0);
      const level = {
        idleSubscriptions: idle,
        idleHeld: active - subscribers,
        idleEnded,
        idleConnections: idleConnections.length,
        messages: plan.chatMessages,
        lost: run.lost,
        p50Ms: round(percentile(run.fanoutMs, 50)),
        p99Ms: round(percentile(run.fanoutMs, 99)),
        maxMs: round(Math.max(...run.fanoutMs)),
        sendMutationP50Ms: round(percentile(run.sendMs, 50)),
        // Where a message's time goes: CPU per message of each service (sending and fan-out).
        cpuMsPerMessage: Object.fromEntries(Object.keys(cpuAfter).map((name) => [name, round((cpuAfter[name] - cpuBefore[name]) / plan.chatMessages)])),
        routerRssMb: round(memory.rss / 1024, 1),
        memoryPerIdleSubscriptionKb: round((memory.rss - baseline.rss) / idle, 1),
        heapPerIdleSubscriptionKb: round((memory.heap - baseline.heap) / idle, 1),
      };
      log(
        `chat: ${idle} idle → fan-out to ${subscribers} p50 ${level.p50Ms} ms, p99 ${level.p99Ms} ms, lost ${level.lost}; ` +
          `held ${level.idleHeld}; ${level.memoryPerIdleSubscriptionKb} KB RSS per idle subscription`,
      );
      results.push(level);
    }
    // Judged at 10,000 idle only: a quick run (1,000) says "not measured", not "not met".
    const top = results.at(-1);
    const atTarget = top.idleSubscriptions >= TARGETS.held;
    return {
      subscribersInConversation: subscribers,
      baselineRouterRssMb: round(baseline.rss / 1024, 1),
      levels: results,
      targets: {
        held: { target: TARGETS.held, measuredAt: top.idleSubscriptions, held: top.idleHeld, met: atTarget ? top.idleHeld >= TARGETS.held && top.idleEnded === 0 : null },
        p99Ms: { target: TARGETS.p99Ms, measuredAt: top.idleSubscriptions, p99Ms: top.p99Ms, met: atTarget ? top.lost === 0 && top.p99Ms <= TARGETS.p99Ms : null },
      },
    };
  } finally {
    await Promise.all([...connections, ...idleConnections].map((c) => c.close()));
  }
}
