/** The help desks Lantern takes ticket webhooks from, by the name used in the URL and the secret's variable. */
import { chatwoot } from './chatwoot.ts';
import { freshdesk } from './freshdesk.ts';
import { generic } from './generic.ts';
import type { HelpDesk } from './help-desk.ts';
import { helpscout } from './helpscout.ts';
import { intercom } from './intercom.ts';
import { zendesk } from './zendesk.ts';

export const HELP_DESK_NAMES = ['zendesk', 'freshdesk', 'helpscout', 'intercom', 'chatwoot', 'generic'] as const;
export type HelpDeskName = (typeof HELP_DESK_NAMES)[number];

export const HELP_DESKS: Record<HelpDeskName, HelpDesk> = { zendesk, freshdesk, helpscout, intercom, chatwoot, generic };

/** The environment variable holding a help desk's webhook secret, e.g. KB_TICKETS_SECRET_ZENDESK. */
export const secretVariable = (name: HelpDeskName) => `KB_TICKETS_SECRET_${name.toUpperCase() as Uppercase<HelpDeskName>}` as const;
