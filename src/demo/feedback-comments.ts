/** Short comments readers leave with a vote, plausible for the vote, the reason and the article's planted problem. */
import type { DayBehaviour } from './article-profiles.ts';
import type { Reason } from './planted-patterns.ts';
import type { Random } from './random.ts';

const UP = [
  'Thanks, that fixed it!',
  'Clear and quick, exactly what I needed.',
  'Worked first time.',
  'The screenshots helped a lot.',
  'Saved me a support ticket, thanks.',
];

const DOWN: Record<Reason, readonly string[]> = {
  unclear: [
    'I could not find the menu the steps mention.',
    'Too much jargon, I am not an accountant.',
    'Step 3 is confusing, where is that setting?',
    'A screenshot would help.',
  ],
  didnt_solve: ['Followed every step and it still does not work.', 'This does not cover my case.', 'Did all of this, same problem.'],
  other: ['I wanted to talk to a person.', 'Not what I was looking for.', 'Please add this to the mobile app too.'],
  outdated: ['The screens look different now.', 'This option is not there any more.'],
  product_issue: ['This seems like a bug in Ledgerly, not something I can fix.', 'The feature itself is broken.'],
};

/** Comments about a planted article's own problem, so its comment list tells the story in readers' words. */
const PLANTED_TOPICS: Record<Exclude<DayBehaviour['topic'], 'generic'>, { reason: Reason; texts: readonly string[] }> = {
  surge: {
    reason: 'product_issue',
    texts: [
      'Feed has been stuck since Monday, reconnecting does nothing',
      'My bank shows transactions from yesterday but Ledgerly stopped three days ago.',
      'Reconnected twice, still "last updated 4 days ago".',
      'Is there an outage? Nothing has synced all week.',
    ],
  },
  outdated: {
    reason: 'outdated',
    texts: [
      'The Shopify admin looks completely different now',
      'There is no "Apps and sales channels" menu in Shopify any more.',
      'The screenshots show the old Shopify admin.',
    ],
  },
  'unclear-revision': {
    reason: 'unclear',
    texts: [
      'Which DNS records? The article never says where to add them.',
      'What is SPF? This assumes I know email setup.',
      'I do not understand what "verify your sending domain" means.',
    ],
  },
};

/** A comment for a vote, or undefined: about 15% of votes carry one. */
export function commentFor(vote: 'up' | 'down', reason: Reason | undefined, topic: DayBehaviour['topic'], rng: Random): string | undefined {
  if (!rng.chance(0.15)) return undefined;
  if (vote === 'up') return rng.pick(UP);
  const planted = topic === 'generic' ? undefined : PLANTED_TOPICS[topic];
  if (planted && reason === planted.reason) return rng.pick(planted.texts);
  return rng.pick(DOWN[reason ?? 'other']);
}
