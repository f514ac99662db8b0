// Progressive enhancement only: every page works without this file.
import { initAll } from '/nhsuk/nhsuk-frontend.min.js';

initAll();

// "Leave this page": end the session on the server and replace the current history entry, so
// neither Back nor a fresh visit shows the person's pages. Without this script the link goes
// to /leave, which does the same on the server.
function leaveNow(link) {
  document.body.hidden = true;
  // If the beacon is lost, the next request from this browser ends the session instead.
  document.cookie = 'hearth_left=1; path=/; SameSite=Lax';
  const body = new URLSearchParams({ _csrf: link.dataset.quickExitCsrf ?? '' });
  try {
    navigator.sendBeacon?.('/leave', body);
  } catch {
    // The cookie above still ends the session.
  }
  window.location.replace(link.dataset.quickExitTo ?? link.href);
}

for (const link of document.querySelectorAll('a[data-quick-exit]')) {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    leaveNow(link);
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
  if (escapes >= 3) leaveNow(link);
});
