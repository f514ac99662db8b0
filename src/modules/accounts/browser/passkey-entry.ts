/**
 * Passkeys in the browser (progressive enhancement, bundled to public/build/passkey.js). Shows
 * the parts marked `data-passkey-only` and hides `data-passkey-no-script` when the browser can
 * use passkeys. A `form[data-passkey-form]` carries the server's options as JSON in its
 * `data-options` attribute (data, not script, so the CSP stays strict); on submit the browser
 * asks for the passkey, puts its answer in the `[data-passkey-response]` field and sends the form.
 */
import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
} from '@simplewebauthn/browser';

const CANCELLED = 'The passkey was not used. You can try again, or use another way to sign in.';

/** Shows a message next to the form, in words a person can act on. */
function say(form: HTMLFormElement, text: string): void {
  const message = form.querySelector<HTMLElement>('[data-passkey-message]');
  if (!message) return;
  message.textContent = text;
  message.hidden = false;
}

/** Asks the browser for a passkey when the form is sent, then sends it with the answer. */
function enhance(form: HTMLFormElement): void {
  const field = form.querySelector<HTMLInputElement>('[data-passkey-response]');
  if (!field) return;
  let busy = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    const optionsJSON = JSON.parse(form.dataset.options ?? '{}');
    const ask =
      form.dataset.passkeyForm === 'register'
        ? startRegistration({ optionsJSON })
        : startAuthentication({ optionsJSON });
    ask
      .then((answer) => {
        field.value = JSON.stringify(answer);
        form.submit();
      })
      .catch((error: unknown) => {
        busy = false;
        const name = error instanceof Error ? error.name : '';
        say(
          form,
          name === 'InvalidStateError'
            ? 'This device already has a passkey for your Hearth account.'
            : CANCELLED,
        );
      });
  });
}

if (browserSupportsWebAuthn()) {
  for (const node of document.querySelectorAll<HTMLElement>('[data-passkey-only]')) {
    node.hidden = false;
  }
  for (const node of document.querySelectorAll<HTMLElement>('[data-passkey-no-script]')) {
    node.hidden = true;
  }
  for (const form of document.querySelectorAll<HTMLFormElement>('form[data-passkey-form]')) {
    enhance(form);
  }
}
