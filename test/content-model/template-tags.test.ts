import { expect, test } from 'vitest';
import { templateTags } from '../../src/content-model/template-tags.ts';

test('finds Liquid tags, Hugo shortcodes and expressions once each, outside code', () => {
  const page = [
    'Intro {{ site.title }} and {% include category-footer-nav.md %}.',
    '{{< figure src="/img/a.png" >}}',
    '{{% notice tip %}}Save often.{{% /notice %}}',
    'Again {% include category-footer-nav.md %} and `{{ in code }}`.',
    '```liquid',
    '{% if user %}hidden{% endif %}',
    '```',
  ].join('\n');
  expect(templateTags(page)).toEqual([
    '{{ site.title }}',
    '{% include category-footer-nav.md %}',
    '{{< figure src="/img/a.png" >}}',
    '{{% notice tip %}}',
    '{{% /notice %}}',
  ]);
});

test('finds nothing in plain Markdown', () => {
  expect(templateTags('# Title\n\nUse {curly} braces and 50% off.')).toEqual([]);
});
