// Which server-given URLs a page may put in an attribute. Everything else is dropped, not escaped.

/** A data: image (the scanner's avatar, cached thumbnails). SVG is refused: it can carry script. */
export function safeDataImage(url: string | undefined): string | undefined {
  if (!url || !url.startsWith('data:image/')) return undefined;
  return /^data:image\/(png|jpeg|jpg|gif|webp|bmp);/i.test(url) ? url : undefined;
}

/** An https URL, optionally only on the given hosts (or their subdomains). */
export function safeHttpsUrl(url: string | undefined, hosts?: readonly string[]): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:') return undefined;
  if (hosts && !hosts.some((h) => parsed.hostname === h || parsed.hostname.endsWith(`.${h}`))) return undefined;
  return parsed.href;
}

/** An image source for a message or avatar: a safe data: image, else an https URL. */
export const safeImageSrc = (url: string | undefined): string | undefined => safeDataImage(url) ?? safeHttpsUrl(url);
