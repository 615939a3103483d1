/** The components every .mdx file can use without importing them. */
import Badge from './Badge.astro';
import Callout from './Callout.astro';
import Figure from './Figure.astro';
import Kbd from './Kbd.astro';
import Step from './Step.astro';
import Steps from './Steps.astro';
import Tab from './Tab.astro';
import Tabs from './Tabs.astro';
import Video from './Video.astro';

export const mdxComponents = { Badge, Callout, Figure, Kbd, Step, Steps, Tab, Tabs, Video };
