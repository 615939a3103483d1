/**
 * How readers treat each published article on a given day: popularity, true helpfulness, reasons, escalation, revision.
 */
import { createHash } from 'node:crypto';
import type { Manifest, ManifestEntry } from '../schemas/manifest.ts';
import { wordingsFor, type QueryWordings } from './demo-queries.ts';
import {
  DROP_OFF,
  HEALTHY,
  HEAVY_AREA,
  OUTDATED,
  REVISION_CHANGE,
  WORSE_EDIT,
  SURGE,
  activePatterns,
  type Reason,
  type ReasonMix,
} from './planted-patterns.ts';
import type { Random } from './random.ts';
import { SteadyMix, SteadyRate } from './steady-draws.ts';

/** The writers' guide is for staff; customers do not read it. */
const SKIPPED_CATEGORIES = new Set(['writers']);

export interface DayBehaviour {
  weight: number;
  helpfulness: number;
  reasons: ReasonMix;
  escalation: number;
  revision: string;
  /** Which comment texts readers write: the article's own problem, or the generic ones. */
  topic: 'generic' | 'surge' | 'outdated' | 'unclear-revision';
}

export interface ArticleProfile {
  slug: string;
  entry: ManifestEntry;
  wordings: QueryWordings;
  /**
   * Articles with a planted problem are never a reader's second article, so their contacts do not leak into their
   * neighbours' rates.
   */
  troubled: boolean;
  /**
   * Part of any planted pattern: its readers read on anywhere, not in its category, so its extra traffic lifts no
   * neighbour.
   */
  planted: boolean;
  on(day: number): DayBehaviour;
  /** Chance that a reader of step `step` goes on to step `step + 1`. */
  continuation(step: number): number;
  /** This article's votes, reasons, contacts and readers who read on, kept on their rates (see steady-draws.ts). */
  draws: { helpful: SteadyRate; reason: SteadyMix<Reason>; contact: SteadyRate; readOn: SteadyRate; sameCategory: SteadyRate };
}

export interface Period {
  days: number;
  seed: number;
}

/** A stable fake revision for the article's text before the edit: 12 hex characters, derived from the seed. */
export function oldRevision(slug: string, seed: number): string {
  return createHash('sha256').update(`lantern-demo:${seed}:${slug}`).digest('hex').slice(0, 12);
}

/** English, customer-facing articles and tutorials, each with its behaviour; `rng` draws the healthy popularity. */
export function buildProfiles(
  manifest: Manifest,
  period: Period,
  rng: Random,
): { english: ArticleProfile[]; otherLanguages: ArticleProfile[] } {
  const active = new Set(activePatterns(manifest).map((p) => p.kind));
  const english: ArticleProfile[] = [];
  const otherLanguages: ArticleProfile[] = [];
  // Sorted, so the draws do not depend on the order the build wrote the manifest in.
  for (const slug of Object.keys(manifest.articles).sort()) {
    const entry = manifest.articles[slug]!;
    if (SKIPPED_CATEGORIES.has(entry.category)) continue;
    const popularity = rng.float(HEALTHY.weight[0], HEALTHY.weight[1]);
    const draws = {
      helpful: new SteadyRate(rng),
      reason: new SteadyMix(rng, Object.entries(HEALTHY.reasons) as [Reason, number][]),
      contact: new SteadyRate(rng),
      readOn: new SteadyRate(rng),
      sameCategory: new SteadyRate(rng),
    };
    const profile = { ...profileFor(slug, entry, popularity, period, active), draws };
    (entry.lang === 'en' ? english : otherLanguages).push(profile);
  }
  return { english, otherLanguages };
}

function profileFor(
  slug: string,
  entry: ManifestEntry,
  popularity: number,
  period: Period,
  active: Set<string>,
): Omit<ArticleProfile, 'draws'> {
  const { days } = period;
  const lastDays = (n: number, day: number) => day >= days - n;
  const healthy = (): DayBehaviour => ({
    weight: popularity,
    helpfulness: HEALTHY.helpfulness,
    reasons: HEALTHY.reasons,
    escalation: HEALTHY.escalation,
    revision: entry.revision,
    topic: 'generic',
  });
  let on: (day: number) => DayBehaviour = healthy;
  let troubled = false;

  // Heavy traffic, but good content: not troubled, its readers go on to other articles like anyone else's.
  if (active.has('heavy-area') && entry.product_area === HEAVY_AREA.productArea) {
    // The hot article gets a plain base weight, so a low popularity draw cannot hide it among its neighbours.
    const base = slug === HEAVY_AREA.hotSlug ? HEAVY_AREA.hotFactor : popularity * HEAVY_AREA.factor;
    const recent = HEAVY_AREA.recentFactor / HEAVY_AREA.factor;
    on = (day) => ({
      ...healthy(),
      weight: base * (lastDays(HEAVY_AREA.recentDays, day) ? recent : 1),
      helpfulness: HEAVY_AREA.helpfulness,
      escalation: HEAVY_AREA.escalation,
    });
  }
  const areaWeight = on;
  if (active.has('surge') && slug === SURGE.slug) {
    troubled = true;
    on = (day) => ({
      ...healthy(),
      weight: SURGE.weight * (lastDays(SURGE.lastDays, day) ? SURGE.factor : 1),
      helpfulness: SURGE.helpfulness,
      reasons: SURGE.reasons,
      escalation: SURGE.escalation,
      topic: 'surge',
    });
  } else if (active.has('outdated') && slug === OUTDATED.slug) {
    troubled = true;
    on = () => ({
      ...healthy(),
      weight: OUTDATED.weight,
      helpfulness: OUTDATED.helpfulness,
      reasons: OUTDATED.reasons,
      escalation: OUTDATED.escalation,
      topic: 'outdated',
    });
  } else if (active.has('revision-change') && slug === REVISION_CHANGE.slug) {
    troubled = true;
    const editedOn = Math.floor(days * REVISION_CHANGE.editedAt);
    const before = oldRevision(slug, period.seed);
    // Keeps the area's traffic (it is in "invoices" in the sample), changes only how good the text is.
    on = (day) =>
      day < editedOn
        ? {
            ...areaWeight(day),
            helpfulness: REVISION_CHANGE.helpfulnessBefore,
            reasons: REVISION_CHANGE.reasonsBefore,
            revision: before,
            topic: 'unclear-revision',
          }
        : { ...areaWeight(day), helpfulness: REVISION_CHANGE.helpfulnessAfter, reasons: HEALTHY.reasons };
  } else if (active.has('worse-edit') && slug === WORSE_EDIT.slug) {
    troubled = true;
    const editedOn = Math.floor(days * WORSE_EDIT.editedAt);
    const before = oldRevision(slug, period.seed);
    on = (day) =>
      day < editedOn
        ? { ...healthy(), weight: WORSE_EDIT.weight, revision: before }
        : {
            ...healthy(),
            weight: WORSE_EDIT.weight,
            helpfulness: WORSE_EDIT.helpfulnessAfter,
            reasons: WORSE_EDIT.reasonsAfter,
            topic: 'unclear-revision',
          };
  }

  const dropOff = active.has('tutorial-drop-off') && slug === DROP_OFF.slug;
  const continuation = (step: number) => (dropOff ? (step + 1 === DROP_OFF.step ? DROP_OFF.stepContinuation : DROP_OFF.continuation) : 0.9);

  const planted = troubled || dropOff || (active.has('heavy-area') && entry.product_area === HEAVY_AREA.productArea);
  return { slug, entry, wordings: wordingsFor(entry.title), troubled, planted, on, continuation };
}
