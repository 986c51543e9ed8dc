import type { IncomingMessage } from 'node:http';

/**
 * The caller's address. X-Forwarded-For is believed only for the proxies configured in front of
 * the router: any client can write that header, so trusting it by default would let one address
 * pose as many (and escape rate limits).
 */
export function clientIp(request: IncomingMessage, trustedProxyHops: number): string | null {
  const socketAddress = request.socket.remoteAddress ?? null;
  if (trustedProxyHops === 0) return socketAddress;
  const forwarded = request.headers['x-forwarded-for'];
  const chain = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((part) => part.trim()).filter(Boolean);
  return chain[chain.length - trustedProxyHops] ?? socketAddress;
}
