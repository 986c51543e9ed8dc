import { describe, expect, it } from 'vitest';
import { planServices } from './services.mjs';

const config = {
  subgraphs: [
    { name: 'identity', port: 4001 },
    { name: 'buildings', port: 4002 },
  ],
};

describe('planServices', () => {
  it('runs every subgraph on its routing_url port with its own database, then the router', () => {
    const plan = planServices({ root: '/repo', config, env: {} });
    expect(plan.services.map((s) => [s.name, s.port])).toEqual([['identity', 4001], ['buildings', 4002], ['router', 4000]]);
    const [identity, , router] = plan.services;
    expect(identity).toMatchObject({
      main: '/repo/subgraphs/identity/dist/main.js',
      migrate: '/repo/subgraphs/identity/dist/migrate.js',
      readyUrl: 'http://127.0.0.1:4001/health/ready',
    });
    expect(identity?.env).toMatchObject({
      PORT: '4001',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/lobby_identity',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: 'lobby:',
      NODE_ENV: 'development',
    });
    expect(router).toMatchObject({ main: '/repo/router/dist/main.js', migrate: null });
    expect(plan.routerUrl).toBe('http://localhost:4000/graphql');
  });

  it('tells the router where every subgraph and the JWKS really are', () => {
    const router = planServices({ root: '/repo', config, env: {} }).services.at(-1);
    expect(router?.env).toMatchObject({
      PORT: '4000',
      SUBGRAPH_URL_IDENTITY: 'http://127.0.0.1:4001/graphql',
      SUBGRAPH_URL_BUILDINGS: 'http://127.0.0.1:4002/graphql',
      IDENTITY_JWKS_URL: 'http://127.0.0.1:4001/.well-known/jwks.json',
    });
  });

  it('shifts every port and renames every database for a second copy', () => {
    const plan = planServices({
      root: '/repo',
      config,
      env: { LOBBY_PORT_OFFSET: '300', LOBBY_DATABASE_PREFIX: 'lobby_t42_', POSTGRES_URL: 'postgres://u:p@db:5433/postgres' },
    });
    expect(plan.services.map((s) => s.port)).toEqual([4301, 4302, 4300]);
    expect(plan.services[1]?.env).toMatchObject({ DATABASE_URL: 'postgres://u:p@db:5433/lobby_t42_buildings', REDIS_KEY_PREFIX: 'lobby_t42:' });
    expect(plan.services[2]?.env.SUBGRAPH_URL_BUILDINGS).toBe('http://127.0.0.1:4302/graphql');
    // Subgraph-to-subgraph calls (marketplace → buildings) follow the offset too.
    expect(plan.services[0]?.env.BUILDINGS_SUBGRAPH_URL).toBe('http://127.0.0.1:4302/graphql');
    expect(plan.services[1]?.env.IDENTITY_SUBGRAPH_URL).toBe('http://127.0.0.1:4301/graphql');
    expect(plan.routerUrl).toBe('http://localhost:4300/graphql');
  });

  it('passes the environment through and keeps an explicit NODE_ENV', () => {
    const plan = planServices({ root: '/repo', config, env: { NODE_ENV: 'production', INTERNAL_SIGNING_SECRET: 's'.repeat(40) } });
    for (const service of plan.services) {
      expect(service.env).toMatchObject({ NODE_ENV: 'production', INTERNAL_SIGNING_SECRET: 's'.repeat(40) });
    }
  });

  it("starts the router with a larger young generation, keeping the caller's NODE_OPTIONS", () => {
    const [identity, , router] = planServices({ root: '/repo', config, env: { NODE_OPTIONS: '--enable-source-maps' } }).services;
    expect(router?.env.NODE_OPTIONS).toBe('--enable-source-maps --max-semi-space-size=64');
    expect(identity?.env.NODE_OPTIONS).toBe('--enable-source-maps');
  });

  it('refuses a bad offset or database prefix', () => {
    expect(() => planServices({ root: '/repo', config, env: { LOBBY_PORT_OFFSET: '-1' } })).toThrow(/LOBBY_PORT_OFFSET/);
    expect(() => planServices({ root: '/repo', config, env: { LOBBY_DATABASE_PREFIX: 'Bad-Prefix' } })).toThrow(/LOBBY_DATABASE_PREFIX/);
  });

  it('runs each worker on its health port, after the subgraphs, finding them like they find each other', () => {
    const withMedia = { subgraphs: [...config.subgraphs, { name: 'media', port: 4006 }], workers: [{ name: 'media', port: 4106, main: '/repo/workers/media/dist/main.js' }] };
    const plan = planServices({ root: '/repo', config: withMedia, env: { LOBBY_PORT_OFFSET: '100' } });
    expect(plan.services.map((s) => [s.name, s.kind, s.port])).toEqual([
      ['identity', 'subgraph', 4101], ['buildings', 'subgraph', 4102], ['media', 'subgraph', 4106], ['media-worker', 'worker', 4206], ['router', 'router', 4100],
    ]);
    const [, , media, worker] = plan.services;
    expect(worker).toMatchObject({ main: '/repo/workers/media/dist/main.js', migrate: null, readyUrl: 'http://127.0.0.1:4206/health/ready', databaseUrl: null });
    expect(worker?.env).toMatchObject({ PORT: '4206', MEDIA_SUBGRAPH_URL: 'http://127.0.0.1:4106/graphql', REDIS_KEY_PREFIX: 'lobby:' });
    // media and its worker share the storage directory; media's URLs name its own (shifted) port.
    expect(worker?.env.MEDIA_LOCAL_STORAGE_DIR).toBe('/repo/.data/lobby_media');
    expect(media?.env).toMatchObject({ MEDIA_LOCAL_STORAGE_DIR: '/repo/.data/lobby_media', MEDIA_PUBLIC_URL: 'http://localhost:4106' });
  });
});
