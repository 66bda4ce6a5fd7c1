import { describe, expect, it } from 'vitest';
import { cleanContent, cleanName, decodeEntities, emojiHexToText, emojiSpansToText } from './text.ts';

describe('emoji spans', () => {
  it('turns one code point into the emoji', () => {
    expect(emojiSpansToText('hi <span class="emoji emoji1f604"></span>!')).toBe('hi 😄!');
  });
  it('handles two code points glued together (flags)', () => {
    expect(emojiHexToText('1f1e81f1f3')).toBe('🇨🇳');
    expect(emojiHexToText('00230020')).toBe('# ');
  });
  it('applies the known remaps', () => {
    expect(emojiSpansToText('<span class="emoji emoji1f63c"></span>')).toBe(String.fromCodePoint(0x1f601));
    expect(emojiSpansToText('<span class="emoji emoji1f63f"></span>')).toBe(String.fromCodePoint(0x1f622));
  });
  it('repairs a span missing its closing >', () => {
    expect(emojiSpansToText('<span class="emoji emoji1f450"></span')).toBe('👐');
  });
  it('drops spans that are not a valid code point', () => {
    expect(emojiSpansToText('a<span class="emoji emojid800"></span>b')).toBe('ab');
  });
});

describe('entities and content', () => {
  it('decodes named and numeric entities once', () => {
    expect(decodeEntities('&lt;b&gt; &amp;amp; &quot;q&quot; &#39;s&#39; &#x4e2d; &unknown;')).toBe(`<b> &amp; "q" 's' 中 &unknown;`);
  });
  it('turns <br/> into newlines and keeps markup as text', () => {
    expect(cleanContent('line1<br/>line2<br/>&lt;script&gt;alert(1)&lt;/script&gt;')).toBe('line1\nline2\n<script>alert(1)</script>');
  });
  it('does not turn a typed (escaped) span into an emoji', () => {
    expect(cleanContent('&lt;span class="emoji emoji1f604"&gt;&lt;/span&gt;')).toBe('<span class="emoji emoji1f604"></span>');
  });
  it('cleans names to one line', () => {
    expect(cleanName(' 丰哥<span class="emoji emoji2600"></span><br/>x ')).toBe('丰哥☀ x');
    expect(cleanName('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });
});
