// Container health probe: exits 0 when this service's /health/ready answers 200.
// node:20-slim has no curl or wget, and the same file serves every Lobby image.
// eslint-disable-next-line no-restricted-properties -- a probe beside the service, not part of it: PORT is all it reads.
const port = process.env.PORT ?? '4000';
try {
  const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2500) });
  process.exit(response.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
