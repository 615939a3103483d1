/** Dark-mode toggle: a pressed button means dark; the choice is remembered on this device. */
export function initThemeToggle(): void {
  const root = document.documentElement;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-theme-toggle]')) {
    const sync = () => button.setAttribute('aria-pressed', String(root.dataset.theme === 'dark'));
    sync();
    button.addEventListener('click', () => {
      root.dataset.theme = root.dataset.theme === 'dark' ? 'light' : 'dark';
      try {
        localStorage.setItem('kb-theme', root.dataset.theme);
      } catch {
        // Storage can be disabled; the toggle still works for this page.
      }
      sync();
    });
  }
}
