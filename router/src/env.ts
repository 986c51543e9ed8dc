import { fileURLToPath } from 'node:url';
import { commonEnv, redisEnv, parseEnv, port, url } from '@lobby/platform';
import { z } from 'zod';
import { defaultOperationLimits as limits } from './limits/operation-limits.js';

const repositorySupergraph = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));
const commaList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

const SUBGRAPH_URL_PREFIX = 'SUBGRAPH_URL_';
const positive = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

export function loadRouterEnv(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv(
    {
      ...commonEnv,
      PORT: port(4000),
      HOST: z.string().default('0.0.0.0'),
      SUPERGRAPH_PATH: z.string().default(repositorySupergraph),
      ...redisEnv,
      /** How long an automatic persisted query stays registered in Redis. */
      APQ_TTL_SECONDS: positive(86_400),
      /** Trusted-documents mode: only operations from this manifest (Apollo's format) run. Off when unset. */
      TRUSTED_DOCUMENTS_MANIFEST: z.string().optional(),
      RATE_LIMIT_WINDOW_SECONDS: positive(60),
      RATE_LIMIT_PER_IP: positive(1200),
      RATE_LIMIT_PER_USER: positive(600),
      RATE_LIMIT_AUTH_PER_IP: positive(30),
      RATE_LIMIT_WS_CONNECTIONS_PER_IP: positive(60),
      RATE_LIMIT_WRITES_PER_BUILDING: positive(600),
      /** Several operations in one HTTP request (a JSON array). Off: each costs one request against the limits. */
      ALLOW_BATCHED_REQUESTS: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
      WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: positive(50),
      IDENTITY_JWKS_URL: url('http://127.0.0.1:4001/.well-known/jwks.json'),
      JWT_ISSUER: z.string().min(1).default('lobby-identity'),
      JWT_AUDIENCE: z.string().min(1).default('lobby'),
      /** Browser origins allowed to call the API. Development adds Apollo Studio's Sandbox. */
      CORS_ORIGINS: commaList.optional(),
      /** How many proxies in front of the router append to X-Forwarded-For (0: use the socket address). */
      TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
      MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
      SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
      /** Concurrent identical query fetches for the same caller share one subgraph request. */
      SUBGRAPH_DEDUPLICATION: z.enum(['true', 'false']).default('true').transform((value) => value === 'true'),
      /** Extra attempts for a query fetch whose connection failed; mutations are never resent. */
      SUBGRAPH_RETRIES: z.coerce.number().int().min(0).max(3).default(1),
      /** Consecutive failures after which a subgraph's fetches fail fast, and for how long before a probe. */
      CIRCUIT_FAILURE_THRESHOLD: positive(5),
      CIRCUIT_OPEN_MS: positive(2_000),
      // Operation limits (defaults and meaning in limits/operation-limits.ts).
      LIMIT_MAX_DEPTH: positive(limits.maxDepth),
      LIMIT_MAX_ALIASES: positive(limits.maxAliases),
      LIMIT_MAX_ROOT_FIELDS: positive(limits.maxRootFields),
      LIMIT_MAX_DIRECTIVES: positive(limits.maxDirectives),
      LIMIT_MAX_TOKENS: positive(limits.maxTokens),
      LIMIT_MAX_COST: positive(limits.maxCost),
      LIMIT_ASSUMED_LIST_SIZE: positive(limits.assumedListSize),
      /** Seconds readiness reports 503 before the listener closes, so a load balancer stops sending. */
      SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).default(0),
    },
    source,
  );
  const production = env.NODE_ENV === 'production';
  return {
    ...env,
    production,
    corsOrigins: env.CORS_ORIGINS ?? (production ? [] : ['https://studio.apollographql.com']),
    subgraphUrls: subgraphUrlOverrides(source),
    rateLimits: {
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
      perIp: env.RATE_LIMIT_PER_IP,
      perUser: env.RATE_LIMIT_PER_USER,
      authPerIp: env.RATE_LIMIT_AUTH_PER_IP,
      connectionsPerIp: env.RATE_LIMIT_WS_CONNECTIONS_PER_IP,
      writesPerBuilding: env.RATE_LIMIT_WRITES_PER_BUILDING,
    },
    limits: {
      maxDepth: env.LIMIT_MAX_DEPTH,
      maxAliases: env.LIMIT_MAX_ALIASES,
      maxRootFields: env.LIMIT_MAX_ROOT_FIELDS,
      maxDirectives: env.LIMIT_MAX_DIRECTIVES,
      maxTokens: env.LIMIT_MAX_TOKENS,
      maxCost: env.LIMIT_MAX_COST,
      assumedListSize: env.LIMIT_ASSUMED_LIST_SIZE,
    },
  };
}

/** `SUBGRAPH_URL_IDENTITY=http://identity:4001/graphql` replaces identity's routing_url (containers, tests). */
function subgraphUrlOverrides(source: Record<string, string | undefined>): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key.startsWith(SUBGRAPH_URL_PREFIX) && value) {
      overrides[key.slice(SUBGRAPH_URL_PREFIX.length).toLowerCase()] = z.url().parse(value);
    }
  }
  return overrides;
}

export type RouterEnv = ReturnType<typeof loadRouterEnv>;
