import { describe, expect, it } from 'vitest';
import { safeDataImage, safeHttpsUrl, safeImageSrc } from './safe-url.ts';
import { qrPath } from './qr-path.ts';

describe('safe urls', () => {
  it('accepts raster data: images only', () => {
    expect(safeDataImage('data:image/png;base64,AAAA')).toBe('data:image/png;base64,AAAA');
    expect(safeDataImage('data:image/svg+xml;base64,AAAA')).toBeUndefined();
    expect(safeDataImage('javascript:alert(1)')).toBeUndefined();
    expect(safeDataImage('data:text/html,<script>')).toBeUndefined();
  });
  it('accepts https, optionally on given hosts', () => {
    expect(safeHttpsUrl('https://weibo.com/login')).toBe('https://weibo.com/login');
    expect(safeHttpsUrl('http://weibo.com/')).toBeUndefined();
    expect(safeHttpsUrl('https://evil.com/', ['weibo.com'])).toBeUndefined();
    expect(safeHttpsUrl('https://passport.weibo.com/x', ['weibo.com'])).toBe('https://passport.weibo.com/x');
    expect(safeImageSrc('javascript:x')).toBeUndefined();
  });
});

describe('qrPath', () => {
  it('draws a square code with dark runs', () => {
    const qr = qrPath('https://login.weixin.qq.com/l/abc==');
    expect(qr && qr.size).toBeGreaterThan(20);
    expect(qr?.d).toMatch(/^M\d+ \d+h\d+v1h-\d+z/);
  });
});
