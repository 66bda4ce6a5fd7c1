// User-visible text in pages: chrome.i18n (en, zh_CN), following the browser language.
import browser from 'webextension-polyfill';

export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
