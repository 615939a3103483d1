/** Sortable dashboard tables: a header button sorts by its column; the table reads fine without this script. */
function sortBy(table: HTMLTableElement, column: number, type: string, button: HTMLButtonElement): void {
  const th = button.closest('th')!;
  const ascending = th.getAttribute('aria-sort') !== 'ascending';
  for (const other of table.querySelectorAll('th')) other.removeAttribute('aria-sort');
  th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  const body = table.tBodies[0]!;
  const key = (row: HTMLTableRowElement) => row.cells[column]?.dataset.sortValue ?? '';
  const rows = [...body.rows].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    // Empty cells (no data) go last in either direction.
    if (x === '' || y === '') return x === y ? 0 : x === '' ? 1 : -1;
    const order = type === 'number' ? Number(x) - Number(y) : x.localeCompare(y);
    return ascending ? order : -order;
  });
  body.append(...rows);
}

for (const table of document.querySelectorAll<HTMLTableElement>('table[data-sortable]')) {
  table.querySelectorAll<HTMLButtonElement>('th button').forEach((button, column) => {
    button.addEventListener('click', () => sortBy(table, column, button.dataset.sortType ?? 'text', button));
  });
}
