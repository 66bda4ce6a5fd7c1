// The page's route lives in the hash so notification clicks can open a conversation directly:
// `#/c/<conversationId>` (the id URI-encoded).
import { useEffect, useState } from 'preact/hooks';

export type Route = { view: 'list' } | { view: 'conversation'; id: string };

export function parseRoute(hash: string): Route {
  const match = /^#\/c\/(.+)$/.exec(hash);
  if (!match?.[1]) return { view: 'list' };
  try {
    return { view: 'conversation', id: decodeURIComponent(match[1]) };
  } catch {
    return { view: 'list' };
  }
}

export const conversationHash = (id: string): string => `#/c/${encodeURIComponent(id)}`;

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function openConversation(id: string): void {
  location.hash = conversationHash(id);
}

export function closeConversation(): void {
  location.hash = '#/';
}
