// The parts of the popup its first frame (the inbox list) does not need: the open conversation
// with its composer, the profile dialog with remove-friend, the Contacts tab's panels, and the
// account chips and Weibo banner (both wait for the worker's snapshot anyway). They share one lazy
// chunk (later-parts.ts), loaded when one of them first renders, or earlier: preloadParts() once
// the contacts are ready, so a chat opened right away finds its code already there.
import { lazyComponent } from '../ui/lazy.ts';
import { dbReader } from '../ui/lazy-db-reader.ts';
import { loader } from '../ui/loader.ts';

const later = loader(() => import('./later-parts.ts'));

export const ConversationView = lazyComponent(() => later.preload().then((m) => m.ConversationView));
export const ProfileDialog = lazyComponent(() => later.preload().then((m) => m.ProfileDialog));
export const FriendRequests = lazyComponent(() => later.preload().then((m) => m.FriendRequests));
export const FindPeople = lazyComponent(() => later.preload().then((m) => m.FindPeople));
export const WeiboBanner = lazyComponent(() => later.preload().then((m) => m.WeiboBanner));
export const AccountChips = lazyComponent(() => later.preload().then((m) => m.AccountChips));

/** The views' code, and the history reader the conversation view uses. */
export function preloadParts(): void {
  later.preload().catch(() => undefined);
  dbReader.preload().catch(() => undefined);
}
