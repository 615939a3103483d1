/** "Was this article helpful?": records the vote at once, then asks for a reason (down) and an optional comment. */
import { eventBase, sendNow } from './tracker.ts';

const MAX = 2000;

export function initFeedback(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-feedback]')) {
    const article = root.dataset.article!;
    const buttons = [...root.querySelectorAll<HTMLButtonElement>('[data-vote]')];
    const form = root.querySelector<HTMLFormElement>('[data-feedback-details]')!;
    const reasons = root.querySelector<HTMLElement>('[data-reasons]')!;
    const comment = form.querySelector<HTMLTextAreaElement>('textarea')!;
    const counter = root.querySelector<HTMLElement>('[data-counter]')!;
    const state = root.querySelector<HTMLElement>('[data-state]')!;
    let vote: 'up' | 'down' | undefined;

    const say = (text: string, error = false) => {
      state.textContent = text;
      state.classList.toggle('error', error);
    };

    async function submit(fields: Record<string, string>): Promise<boolean> {
      const status = await sendNow([{ type: 'feedback', ...eventBase(), article, vote: vote!, ...fields }]);
      if (status === 202) return true;
      if (status === 400) say('Sorry, we could not record your feedback. Please reload the page and try again.', true);
      else say('We could not reach our server; your feedback is saved on this device and will be sent later.', true);
      return false;
    }

    for (const button of buttons) {
      button.addEventListener('click', async () => {
        vote = button.dataset.vote as 'up' | 'down';
        for (const b of buttons) b.setAttribute('aria-pressed', String(b === button));
        reasons.hidden = vote === 'up';
        form.querySelector<HTMLElement>('[data-comment-label]')!.textContent =
          vote === 'up' ? 'Anything we could add? (optional)' : 'What were you looking for? (optional)';
        form.hidden = false;
        if (await submit({})) say(vote === 'up' ? 'Thanks! Glad it helped.' : 'Thanks for telling us. What went wrong?');
      });
    }
    comment.addEventListener('input', () => {
      counter.textContent = `${MAX - comment.value.length} characters left`;
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const fields: Record<string, string> = {};
      const reason = form.querySelector<HTMLInputElement>('input[name="reason"]:checked')?.value;
      if (vote === 'down' && reason) fields.reason = reason;
      if (comment.value.trim()) fields.comment = comment.value.trim().slice(0, MAX);
      if (await submit(fields)) {
        form.hidden = true;
        say('Thank you for your feedback. You can change your vote at any time.');
      }
    });
  }
}
