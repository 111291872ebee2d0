/**
 * The client's address as Fastify derives `request.ip` with `trustProxy: hops` (proxy-addr): the
 * socket peer, then `X-Forwarded-For` from right to left; past `hops` trusted proxies is the client.
 * Counting from the right matters: a client can write anything at the left of the header.
 */
export function clientIp(
  remote: string | undefined,
  forwardedFor: string | string[] | undefined,
  hops: number,
): string {
  const peer = remote ?? 'unknown';
  if (hops <= 0 || forwardedFor === undefined) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const chain = [
    peer,
    ...header
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .reverse(),
  ];
  return chain[Math.min(hops, chain.length - 1)]!;
}
