/** Content collections: articles and tutorials from the content folder, at any depth, Markdown or MDX. */
import { defineCollection } from 'astro:content';
import { ArticleFrontmatterSchema, TutorialFrontmatterSchema } from './schemas/frontmatter.ts';
import { helpCenterLoader } from './content-model/content-loader.ts';
import { ContentInventory } from './content-model/content-inventory.ts';
import { contentDir } from './content-model/content-dir.ts';

// One inventory for both collections: slugs are one namespace across them.
const inventory = new ContentInventory(contentDir());

export const collections = {
  articles: defineCollection({ loader: helpCenterLoader('articles', inventory), schema: ArticleFrontmatterSchema }),
  tutorials: defineCollection({ loader: helpCenterLoader('tutorials', inventory), schema: TutorialFrontmatterSchema }),
};
