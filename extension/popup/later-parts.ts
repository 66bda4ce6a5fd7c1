// Everything the popup shows only after its first frame, as one chunk (see lazy-parts.ts): one
// file to fetch instead of one per view, and fewer small shared chunks for the bundler to cut.
export { AccountChips } from '../ui/account-chips.tsx';
export { ConversationView } from './conversation-view.tsx';
export { FindPeople } from './find-people.tsx';
export { FriendRequests } from './friend-requests.tsx';
export { ProfileDialog } from './profile-dialog.tsx';
export { WeiboBanner } from './weibo-banner.tsx';
