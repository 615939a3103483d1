import { describe, expect, test } from 'vitest';
import { htmlToMarkdown } from '../../src/importers/html-to-markdown.ts';
import { mdxSurprises } from '../helpers/imported-files.ts';

const md = (html: string) => htmlToMarkdown(html).markdown.trim();

describe('plain HTML', () => {
  test('becomes headings, emphasis, links and lists in Markdown', () => {
    expect(md('<h2>Set up</h2><p>Use <strong>Save</strong> or <em>Cancel</em>, see <a href="https://x.example/a">the guide</a>.</p>')).toBe(
      '## Set up\n\nUse **Save** or _Cancel_, see [the guide](https://x.example/a).',
    );
    expect(md('<ul><li>One<ul><li>Nested</li></ul></li><li>Two</li></ul><ol><li>First</li><li>Second</li></ol>')).toBe(
      '- One\n  - Nested\n- Two\n\n1. First\n2. Second',
    );
  });

  test('keeps a list tight when every item is one paragraph', () => {
    expect(md('<ol><li><p>First</p></li><li><p>Second</p></li></ol>')).toBe('1. First\n2. Second');
  });

  test('turns a table into a GFM table, its first row the header when the editor wrote no <th>', () => {
    expect(md('<table><thead><tr><th>Plan</th><th>Price</th></tr></thead><tbody><tr><td>Pro</td><td>$10</td></tr></tbody></table>')).toBe(
      '| Plan | Price |\n| ---- | ----- |\n| Pro  | $10   |',
    );
    expect(md('<table><tbody><tr><td>Plan</td><td>Price</td></tr><tr><td>Pro</td><td>$10</td></tr></tbody></table>')).toBe(
      '| Plan | Price |\n| ---- | ----- |\n| Pro  | $10   |',
    );
  });

  test('fences code, with the language a class names', () => {
    expect(md('<pre><code class="language-bash">npm install\nnpm start</code></pre>')).toBe('```bash\nnpm install\nnpm start\n```');
    expect(md('<pre class="lang-json"><code>{"a": 1}</code></pre>')).toBe('```json\n{"a": 1}\n```');
    expect(md('<pre>plain text</pre>')).toBe('```\nplain text\n```');
  });

  test('drops comments and empty paragraphs, and keeps an embed as a link', () => {
    expect(md('<p>One</p><!-- editor note --><p>&nbsp;</p><iframe src="https://www.youtube.com/embed/abc" title="Demo"></iframe>')).toBe(
      'One\n\n[Demo](https://www.youtube.com/embed/abc)',
    );
  });

  test('shows an image linked to its own file as the image alone', () => {
    expect(md('<a href="https://cdn.example/a.png"><img src="https://cdn.example/a.png" alt="Dialog"></a>')).toBe(
      '![Dialog](https://cdn.example/a.png)',
    );
  });

  test('passes every link and image through the given rewrites', () => {
    const converted = htmlToMarkdown('<p><a href="/hc/1">old</a> <img src="a.png" alt="A"></p>', {
      link: (href) => `/articles/new/#${href.length}`,
      image: (src) => `https://old.example/${src}`,
    });
    expect(converted.markdown.trim()).toBe('[old](/articles/new/#5) ![A](https://old.example/a.png)');
  });

  test('is plain Markdown, not MDX, without a callout', () => {
    expect(htmlToMarkdown('<p>Port &lt;PORT&gt; and {braces}</p>')).toEqual({ markdown: 'Port \\<PORT> and {braces}\n', mdx: false });
  });
});

describe('a callout', () => {
  test('becomes a <Callout> of its kind and makes the article MDX', () => {
    const converted = htmlToMarkdown('<p>Before.</p><div class="callout callout--warning"><p>Mind <strong>this</strong>.</p></div>');
    expect(converted.mdx).toBe(true);
    expect(converted.markdown).toBe('Before.\n\n<Callout type="warning">\n  Mind **this**.\n</Callout>\n');
  });

  test('keeps code, with its language, inside the callout', () => {
    expect(md('<div class="callout-tip"><p>Run:</p><pre class="lang-sh">npm start</pre></div>')).toBe(
      '<Callout type="tip">\n  Run:\n\n  ```sh\n  npm start\n  ```\n</Callout>',
    );
  });

  test('wraps loose text in a paragraph inside the callout', () => {
    expect(md('<p class="note">Saved drafts are kept for 30 days.</p>')).toBe(
      '<Callout type="note">\n  Saved drafts are kept for 30 days.\n</Callout>',
    );
  });

  test('inside a table cell keeps its text without the box', () => {
    expect(htmlToMarkdown('<table><tr><th>A</th></tr><tr><td><div class="tip">Short</div></td></tr></table>')).toEqual({
      markdown: '| A     |\n| ----- |\n| Short |\n',
      mdx: false,
    });
  });

  test('escapes braces, angle brackets and a leading "import" or "export", so the MDX reads as the text it was', () => {
    const html =
      '<p>Type {{order.number}} where 1 &lt; 2.</p><p>export the file, then import it.</p>' +
      '<div class="alert alert-danger"><p>Never share {secret} &lt;keys&gt;.</p></div>' +
      '<table><tr><th>{h}</th></tr><tr><td>&lt;b&gt;</td></tr></table><p><img src="x.png" alt="a {b}"></p>';
    const { markdown, mdx } = htmlToMarkdown(html);
    expect(mdx).toBe(true);
    expect(mdxSurprises(markdown)).toEqual([]);
    expect(markdown).toContain('Type \\{\\{order.number}} where 1 \\< 2.');
    expect(markdown).toContain('&#x65;xport the file, then import it.');
  });
});
