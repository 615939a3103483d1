import { expect, test } from 'vitest';
import { assignSlugs, type SlugClaim } from '../../src/content-model/slug-assignment.ts';

const claim = (file: string, derived: string, explicit?: string): SlugClaim => ({
  file: `content/articles/${file}`,
  folders: file.split('/').slice(0, -1),
  derived,
  explicit,
});

test('keeps the slug of a file name that no other file shares', () => {
  expect(assignSlugs([claim('billing/refunds.md', 'refunds'), claim('faq.md', 'faq')])).toEqual({ slugs: ['refunds', 'faq'], renamed: [] });
});

test('prefixes colliding slugs with their folders and names every file of the collision once', () => {
  const { slugs, renamed } = assignSlugs([claim('freebsd/pkg.md', 'pkg'), claim('android/pkg.md', 'pkg'), claim('apt.md', 'apt')]);
  expect(slugs).toEqual(['freebsd-pkg', 'android-pkg', 'apt']);
  expect(renamed).toEqual([
    { slug: 'pkg', files: ['content/articles/android/pkg.md', 'content/articles/freebsd/pkg.md'], given: ['android-pkg', 'freebsd-pkg'] },
  ]);
});

test('numbers colliding files of one folder in path order', () => {
  const { slugs } = assignSlugs([
    claim('proxmox/pct-move_volume.md', 'pct-move-volume'),
    claim('proxmox/pct-move-volume.md', 'pct-move-volume'),
  ]);
  expect(slugs).toEqual(['pct-move-volume-2', 'proxmox-pct-move-volume']);
});

test('goes up another folder when the nearest one is not enough', () => {
  const { slugs } = assignSlugs([claim('a/linux/pkg.md', 'pkg'), claim('b/linux/pkg.md', 'pkg'), claim('linux-pkg.md', 'linux-pkg')]);
  expect(slugs).toEqual(['a-linux-pkg', 'b-linux-pkg', 'linux-pkg']);
});

test('gives a slug set in the frontmatter to its file and moves a derived one out of its way', () => {
  const { slugs, renamed } = assignSlugs([claim('basics/intro.md', 'intro'), claim('guides/intro.md', 'intro', 'intro')]);
  expect(slugs).toEqual(['basics-intro', 'intro']);
  expect(renamed[0]?.files).toEqual(['content/articles/guides/intro.md', 'content/articles/basics/intro.md']);
});

test('gives the same slugs whatever order the files are listed in', () => {
  const files = [claim('x/pkg.md', 'pkg'), claim('y/pkg.md', 'pkg'), claim('x/pkg-2.md', 'pkg-2'), claim('pkg.md', 'pkg')];
  const forward = assignSlugs(files);
  const backward = assignSlugs([...files].reverse());
  expect(backward.slugs.reverse()).toEqual(forward.slugs);
  expect(new Set(forward.slugs).size).toBe(files.length);
});

test('stops on two files that set the same slug, naming both', () => {
  expect(() => assignSlugs([claim('a/one.md', 'one', 'same'), claim('b/two.md', 'two', 'same')])).toThrow(
    'content/articles/b/two.md: slug: slug "same" is already set by content/articles/a/one.md',
  );
});
