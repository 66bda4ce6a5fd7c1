import { describe, expect, it } from 'vitest';
import { checkTemplate, parseTemplate, renderTemplate, TEMPLATE_CAP, type TemplateValues } from './rules-template.ts';

const values: TemplateValues = { name: '张三', service: '微信', time: '22:05', date: '2025-06-04', message: '在吗' };

describe('templates', () => {
  it('renders every variable', () => {
    expect(renderTemplate('{name}，我在{service}上暂时不在（{date} {time}）。你说：{message}', values)).toBe(
      '张三，我在微信上暂时不在（2025-06-04 22:05）。你说：在吗',
    );
  });

  it('writes literal braces with {{ and }} and leaves other braces alone', () => {
    expect(renderTemplate('{{name}} is {name}; { 笑 } {1}', values)).toBe('{name} is 张三; { 笑 } {1}');
    expect(checkTemplate('{{name}} { 笑 } {1}')).toEqual([]);
  });

  it('rejects unknown variables on save, with a suggestion', () => {
    const [error] = checkTemplate('hi {nmae}');
    expect(error).toMatch(/^unknown variable \{nmae\} — did you mean \{name\}\? Known: \{name\}, \{service\}, \{time\}, \{date\}, \{message\}/);
    expect(checkTemplate('hi {Name}')[0]).toMatch(/did you mean \{name\}/);
    expect(checkTemplate('hi {foo}')[0]).not.toMatch(/did you mean/);
  });

  it('leaves unknown variables visible at render time', () => {
    expect(renderTemplate('hi {nmae}', values)).toBe('hi {nmae}');
  });

  it('rejects empty and overlong replies', () => {
    expect(checkTemplate('  ')).toEqual(['the reply is empty']);
    expect(checkTemplate('x'.repeat(TEMPLATE_CAP + 1))[0]).toMatch(/at most 1000/);
  });

  it('parses into text and variable parts', () => {
    expect(parseTemplate('a{name}b')).toEqual([{ text: 'a' }, { variable: 'name', raw: '{name}' }, { text: 'b' }]);
  });
});
