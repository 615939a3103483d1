/** Follows the reader through a tutorial: current step, progress bar, previous/next, and a step-reached event. */
export const STEP_REACHED = 'kb:tutorial-step';
export interface StepReachedDetail {
  step: number;
  steps: number;
}

export function initTutorialProgress(): void {
  const nav = document.querySelector<HTMLElement>('[data-tutorial-progress]');
  const article = document.querySelector<HTMLElement>('[data-tutorial]');
  if (!nav || !article) return;
  const links = [...nav.querySelectorAll<HTMLAnchorElement>('[data-step]')];
  const headings = links.map((a) => document.getElementById(decodeURIComponent(a.hash.slice(1))));
  if (headings.some((h) => !h)) return;
  const total = links.length;
  const label = nav.querySelector<HTMLElement>('[data-progress-label]')!;
  const bar = nav.querySelector<HTMLElement>('[data-progress-bar]')!;
  const stepNav = article.querySelector<HTMLElement>('[data-step-nav]');
  const prev = stepNav?.querySelector<HTMLAnchorElement>('[data-step-prev]');
  const next = stepNav?.querySelector<HTMLAnchorElement>('[data-step-next]');
  let current = 0;
  const reached = new Set<number>();

  const show = (step: number) => {
    if (step === current) return;
    current = step;
    links.forEach((a, i) => {
      if (i + 1 === step) a.setAttribute('aria-current', 'step');
      else a.removeAttribute('aria-current');
      a.classList.toggle('done', i + 1 < step);
    });
    label.textContent = `Step ${step} of ${total}`;
    bar.style.width = `${(step / total) * 100}%`;
    if (stepNav && prev && next) {
      stepNav.hidden = false;
      prev.hidden = step <= 1;
      next.hidden = step >= total;
      if (step > 1) prev.href = links[step - 2]!.hash;
      if (step < total) next.href = links[step]!.hash;
    }
    // A step counts once, when it is shown; steps skipped by a jump were not reached.
    if (!reached.has(step)) {
      reached.add(step);
      document.dispatchEvent(new CustomEvent<StepReachedDetail>(STEP_REACHED, { detail: { step, steps: total } }));
    }
  };

  // The current step is the last one whose heading has scrolled above the middle of the viewport.
  const update = () => {
    const middle = innerHeight * 0.5;
    let step = 0;
    headings.forEach((h, i) => {
      if (h!.getBoundingClientRect().top < middle) step = i + 1;
    });
    show(Math.max(step, 1));
  };
  addEventListener('scroll', update, { passive: true });
  addEventListener('hashchange', update);
  update();
}
