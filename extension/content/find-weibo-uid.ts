// Pure: the logged-in uid from a weibo.com document's own markup, or undefined.
const CONFIG_UID = /\$CONFIG\s*\[\s*['"]uid['"]\s*\]\s*=\s*['"](\d{4,20})['"]/;

export function findWeiboUid(doc: Pick<Document, 'querySelectorAll' | 'querySelector'>): string | undefined {
  for (const script of Array.from(doc.querySelectorAll('script:not([src])'))) {
    const match = CONFIG_UID.exec(script.textContent ?? '');
    if (match) return match[1];
  }
  const attr = doc.querySelector('[data-uid]')?.getAttribute('data-uid');
  return attr && /^\d{4,20}$/.test(attr) ? attr : undefined;
}
