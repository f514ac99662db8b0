// My plan: small enhancements. Every page works without this file.

// "Print" buttons (without JavaScript, the browser's own print works the same).
for (const button of document.querySelectorAll('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}

// Keeping a copy of the plan on this device, for reading without a connection. Only offered
// where the browser can do it, and only when the person asks.
const offline = document.querySelector('[data-offline-plan]');
if (offline && 'serviceWorker' in navigator && 'caches' in window) {
  offline.hidden = false;
  const status = offline.querySelector('[data-offline-status]');
  const keep = offline.querySelector('[data-offline-keep]');
  const remove = offline.querySelector('[data-offline-remove]');
  const say = (text) => {
    if (status) status.textContent = text;
  };
  const show = (kept) => {
    if (keep) keep.hidden = kept;
    if (remove) remove.hidden = !kept;
  };
  navigator.serviceWorker.getRegistration('/my-plan').then(async (registration) => {
    const kept = Boolean(registration) && (await caches.has('hearth-my-plan-v1'));
    show(kept);
    if (kept) {
      say('A copy of your plan is kept on this device. It is removed when you sign out.');
      registration.active?.postMessage('refresh');
    }
  });
  keep?.addEventListener('click', async () => {
    say('Saving a copy on this device…');
    try {
      await navigator.serviceWorker.register('/my-plan/sw.js', { scope: '/my-plan' });
      const ready = await navigator.serviceWorker.ready;
      for (let i = 0; i < 50 && !(await caches.has('hearth-my-plan-v1')); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      ready.active?.postMessage('refresh');
      show(true);
      say(
        'Done. You can read your plan on this device without a connection, at this same address. It is removed when you sign out.',
      );
    } catch {
      say('Sorry, this browser could not keep a copy. You can print your plan instead.');
    }
  });
  remove?.addEventListener('click', async () => {
    const registration = await navigator.serviceWorker.getRegistration('/my-plan');
    await registration?.unregister();
    await caches.delete('hearth-my-plan-v1');
    show(false);
    say('The copy has been removed from this device.');
  });
}
