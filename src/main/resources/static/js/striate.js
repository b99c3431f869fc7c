/* Striate pages: progressive enhancement only (every page works without script). No inline script anywhere. */
(() => {
  // Clicking a leaderboard row's empty space opens the model page (keyboard users follow the name link).
  document.addEventListener('click', e => {
    const row = e.target.closest('#board tbody tr[data-model]');
    if (!row || e.target.closest('a, input, button')) return;
    location.href = '/models/' + encodeURIComponent(row.dataset.model);
  });
})();
