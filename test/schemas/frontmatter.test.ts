import { describe, expect, test } from 'vitest';
import { ArticleFrontmatterSchema, TutorialFrontmatterSchema } from '../../src/schemas/frontmatter.ts';

function issuesOf(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  return (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('article frontmatter', () => {
  test('accepts a title alone and fills in the defaults', () => {
    const parsed = ArticleFrontmatterSchema.parse({ title: 'Reset your password' });
    expect(parsed).toEqual({
      title: 'Reset your password',
      type: 'how-to',
      tags: [],
      aliases: [],
      draft: false,
      related: [],
      redirect_from: [],
    });
  });

  test('accepts every field a writer can set', () => {
    const parsed = ArticleFrontmatterSchema.parse({
      title: 'Bank feed stopped updating',
      description: 'What to do when transactions stop arriving.',
      category: 'bank-sync',
      product_area: 'bank-sync',
      type: 'troubleshooting',
      tags: ['bank', 'sync'],
      aliases: ['bank connection broken'],
      updated: new Date('2026-10-01'),
      reviewed: '2026-10-02',
      owner: 'Maya Chen',
      draft: true,
      related: ['connect-your-bank'],
      redirect_from: ['/hc/en-us/articles/123-bank-feed'],
      lang: 'pt-BR',
    });
    expect(parsed.reviewed).toEqual(new Date('2026-10-02'));
    expect(parsed.type).toBe('troubleshooting');
    expect(parsed.lang).toBe('pt-BR');
  });

  test('requires a title', () => {
    expect(issuesOf(ArticleFrontmatterSchema.safeParse({ description: 'x' }))).toEqual([expect.stringMatching(/^title: /)]);
  });

  test('rejects an empty title', () => {
    expect(issuesOf(ArticleFrontmatterSchema.safeParse({ title: '   ' }))).toEqual(['title: must not be empty']);
  });

  test('names the field and the problem for an unknown type', () => {
    const issues = issuesOf(ArticleFrontmatterSchema.safeParse({ title: 'x', type: 'guide' }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^type: .*how-to/);
  });

  test('rejects a date that is not a date', () => {
    expect(issuesOf(ArticleFrontmatterSchema.safeParse({ title: 'x', updated: 'last tuesday' }))).toEqual([
      'updated: must be a date like 2026-10-14',
    ]);
  });

  test('rejects a related entry that is not a slug', () => {
    const issues = issuesOf(ArticleFrontmatterSchema.safeParse({ title: 'x', related: ['Reset Password.md'] }));
    expect(issues).toEqual(['related.0: must be a lowercase slug like "reset-your-password"']);
  });

  test('rejects a redirect that is not a site path', () => {
    const issues = issuesOf(ArticleFrontmatterSchema.safeParse({ title: 'x', redirect_from: ['https://old.example/a'] }));
    expect(issues).toEqual(['redirect_from.0: must be a site path starting with "/"']);
  });

  test('takes up to 20 aliases of up to 80 characters each', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `name ${i}`);
    expect(ArticleFrontmatterSchema.parse({ title: 'x', aliases: twenty }).aliases).toEqual(twenty);
    expect(issuesOf(ArticleFrontmatterSchema.safeParse({ title: 'x', aliases: [...twenty, 'one more'] }))[0]).toMatch(/^aliases: /);
    expect(issuesOf(ArticleFrontmatterSchema.safeParse({ title: 'x', aliases: ['x'.repeat(81)] }))[0]).toMatch(/^aliases\.0: /);
    expect(issuesOf(ArticleFrontmatterSchema.safeParse({ title: 'x', aliases: [' '] }))).toEqual(['aliases.0: must not be empty']);
  });

  test('rejects a draft flag written as text', () => {
    expect(issuesOf(ArticleFrontmatterSchema.safeParse({ title: 'x', draft: 'yes' }))[0]).toMatch(/^draft: /);
  });

  test('keeps unknown fields from an exported help center out of the data without failing', () => {
    const parsed = ArticleFrontmatterSchema.parse({ title: 'x', zendesk_id: 360001234, author: 'Sam' });
    expect(parsed).not.toHaveProperty('zendesk_id');
  });
});

describe('tutorial frontmatter', () => {
  test('requires the ordered steps', () => {
    expect(issuesOf(TutorialFrontmatterSchema.safeParse({ title: 'x' }))[0]).toMatch(/^steps: /);
  });

  test('defaults the level to beginner and the prerequisites to none', () => {
    const parsed = TutorialFrontmatterSchema.parse({ title: 'x', steps: ['One', 'Two'], duration: 15 });
    expect(parsed).toMatchObject({ level: 'beginner', prerequisites: [], steps: ['One', 'Two'], duration: 15 });
  });

  test('rejects a duration that is not whole minutes', () => {
    expect(issuesOf(TutorialFrontmatterSchema.safeParse({ title: 'x', steps: ['a'], duration: 2.5 }))[0]).toMatch(/^duration: /);
  });
});
