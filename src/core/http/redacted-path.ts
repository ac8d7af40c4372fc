/**
 * A request path as it may be logged: a hosted signing page's token is its credential (like an
 * API key), so `/sign/<token>…` is logged as `/sign/[token]…`.
 */
export function redactedPath(path: string): string {
  return path.replace(/^\/sign\/(?!assets\/)[^/?#]+/, '/sign/[token]');
}
