// Progressive enhancement only: every page works without this file.
import { initAll } from '/nhsuk/nhsuk-frontend.min.js';

initAll();

// "Leave this page": replace the current history entry so Back does not return here.
for (const link of document.querySelectorAll('a[data-quick-exit]')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    document.body.hidden = true;
    window.location.replace(link.href);
  });
}

// Three presses of Escape also leave, for someone who cannot reach the mouse in time.
let escapes = 0;
let escapeTimer;
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  const link = document.querySelector('a[data-quick-exit]');
  if (!link) return;
  escapes += 1;
  clearTimeout(escapeTimer);
  escapeTimer = setTimeout(() => (escapes = 0), 2000);
  if (escapes >= 3) link.click();
});
