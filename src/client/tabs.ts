/** Turns labelled panels into an ARIA tab set: arrow keys move between tabs, one panel shows at a time. */
let counter = 0;

export function initTabs(): void {
  for (const root of document.querySelectorAll<HTMLElement>('[data-tabs]:not(.ready)')) {
    const panels = [...root.querySelectorAll<HTMLElement>(':scope > .tab-panel')];
    if (panels.length === 0) continue;
    const list = document.createElement('div');
    list.setAttribute('role', 'tablist');
    const tabs = panels.map((panel, i) => {
      const id = `tabs-${++counter}`;
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.id = `${id}-tab`;
      tab.setAttribute('role', 'tab');
      tab.textContent = panel.dataset.tabLabel ?? `Tab ${i + 1}`;
      tab.setAttribute('aria-controls', (panel.id ||= `${id}-panel`));
      panel.setAttribute('role', 'tabpanel');
      panel.setAttribute('aria-labelledby', tab.id);
      panel.tabIndex = 0;
      list.append(tab);
      return tab;
    });
    const select = (index: number, focus: boolean) => {
      tabs.forEach((tab, i) => {
        tab.setAttribute('aria-selected', String(i === index));
        tab.tabIndex = i === index ? 0 : -1;
        panels[i]!.hidden = i !== index;
      });
      if (focus) tabs[index]!.focus();
    };
    list.addEventListener('click', (e) => {
      const i = tabs.indexOf((e.target as Element).closest('[role="tab"]') as HTMLButtonElement);
      if (i >= 0) select(i, false);
    });
    list.addEventListener('keydown', (e) => {
      const current = tabs.findIndex((t) => t.getAttribute('aria-selected') === 'true');
      const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) return;
      e.preventDefault();
      select((next + tabs.length) % tabs.length, true);
    });
    root.prepend(list);
    root.classList.add('ready');
    select(0, false);
  }
}
