/**
 * The inbox's keyboard: j and k move between items, x checks the current one, e marks it done. Not while typing in a
 * field, nor with a modifier held; every move is also a button or a checkbox, so the page works without this script.
 */
const items = () => [...document.querySelectorAll<HTMLElement>('.inbox-item')];

function current(): number {
  return items().findIndex((item) => item.contains(document.activeElement) || item === document.activeElement);
}

function focus(index: number): void {
  const list = items();
  const item = list[Math.max(0, Math.min(list.length - 1, index))];
  if (!item) return;
  item.tabIndex = -1;
  item.focus();
  item.scrollIntoView({ block: 'nearest' });
}

document.addEventListener('keydown', (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
  const target = event.target as HTMLElement;
  if (target.closest('input:not([type="checkbox"]), textarea, select, [contenteditable]')) return;
  const at = current();
  const item = items()[at];
  if (event.key === 'j') focus(at + 1);
  else if (event.key === 'k') focus(at < 0 ? 0 : at - 1);
  else if (event.key === 'x' && item) item.querySelector<HTMLInputElement>('input[type="checkbox"]')?.click();
  else if (event.key === 'e' && item) item.querySelector<HTMLButtonElement>('button[name="one"]')?.click();
  else return;
  event.preventDefault();
});
