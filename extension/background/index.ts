// The service worker's entry: registers every listener synchronously at the top level (so a
// wake-up event is never missed) and gates them on one boot promise. Wiring only.
import browser, { type Runtime } from 'webextension-polyfill';
import { boot, WATCHDOG_ALARM } from './hub/boot.ts';
import { conversationOfNotification, INBOX_NOTIFICATION } from './hub/notifier.ts';

const bootId = crypto.randomUUID();
const ready = boot(bootId);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => ready.then((world) => world.handle(message, sender)));
browser.runtime.onConnect.addListener((port) => void ready.then((world) => world.ports.accept(port)));
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === WATCHDOG_ALARM) void ready.then((world) => world.watchdog());
});
browser.runtime.onStartup.addListener(() => void ready.then((world) => world.watchdog()));
browser.runtime.onInstalled.addListener(() => void ready.then((world) => world.watchdog()));
browser.notifications.onClicked.addListener((id) => {
  const conversationId = conversationOfNotification(id);
  if (conversationId || id === INBOX_NOTIFICATION) void ready.then((world) => world.openFromNotification(conversationId));
  void browser.notifications.clear(id);
});
