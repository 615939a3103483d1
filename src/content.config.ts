/** Content collections: articles and tutorials from content/, at any depth, Markdown or MDX. */
import { defineCollection } from 'astro:content';
import { ArticleFrontmatterSchema, TutorialFrontmatterSchema } from './schemas/frontmatter.ts';
import { helpCenterLoader } from './content-model/content-loader.ts';

export const collections = {
  articles: defineCollection({ loader: helpCenterLoader('articles'), schema: ArticleFrontmatterSchema }),
  tutorials: defineCollection({ loader: helpCenterLoader('tutorials'), schema: TutorialFrontmatterSchema }),
};
