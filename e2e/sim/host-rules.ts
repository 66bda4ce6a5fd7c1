// Which real host names the simulator answers for, as Chromium --host-resolver-rules.
// A rule's pattern may carry a port: TLS (443) goes to the HTTPS listener, everything else
// (80 for Weibo IM, 8000 for QQ) to the HTTP listener, which routes by the Host header.

/** Every host family the extension's manifest grants, as resolver patterns. */
export const SERVICE_HOST_PATTERNS = ['*.qq.com', '*.wechat.com', 'weibo.com', '*.weibo.com', 'tqq.tencent.com'] as const;

export function hostResolverRules(httpPort: number, httpsPort: number): string {
  const rules: string[] = [];
  for (const pattern of SERVICE_HOST_PATTERNS) {
    rules.push(`MAP ${pattern}:443 127.0.0.1:${httpsPort}`);
    rules.push(`MAP ${pattern} 127.0.0.1:${httpPort}`);
  }
  return rules.join(', ');
}
