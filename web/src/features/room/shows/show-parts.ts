// The paid-show parts of the room page, fetched together when the room has a show to offer or one runs
// (show-area.tsx): one request, and none at all in a room without shows.
export { ShowChat } from './show-chat.tsx';
export { ShowPanel } from './show-panel.tsx';
export { ShowPhoneBar } from './show-phone-bar.tsx';
