/**
 * The "at a glance" view's pure parts: phone numbers in the contacts text become tap-to-call
 * pieces (and nothing else does), and the calm words the person wrote reach the glance.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { phoneParts, presentGlance } from './present.ts';

describe('at a glance', () => {
  it('marks phone numbers as tap-to-call, keeping the words around them', () => {
    assert.deepEqual(phoneParts('My sister, Leah: 07700 900123.'), [
      { text: 'My sister, Leah: ', tel: null },
      { text: '07700 900123', tel: '07700900123' },
      { text: '.', tel: null },
    ]);
    assert.deepEqual(
      phoneParts('Mum +44 (0)20 7946 0018 or ward 0161-496-0000').map((p) => p.tel),
      [null, '+442079460018', null, '01614960000'],
    );
  });

  it('leaves short numbers, flat numbers and empty text alone', () => {
    assert.deepEqual(phoneParts('Flat 12, 3 Park Road, age 45'), [
      { text: 'Flat 12, 3 Park Road, age 45', tel: null },
    ]);
    assert.deepEqual(phoneParts(null), []);
    assert.deepEqual(phoneParts(''), []);
  });

  it('carries the tone and sensory needs the person wrote, unless the section is hidden', () => {
    const content = {
      fields: {
        toneText: 'Speak slowly and quietly.',
        sensoryText: 'Low light.',
        contactText: 'Leah 07700 900123',
      },
      declined: [],
    };
    const shown = presentGlance(content, []);
    assert.equal(shown.toneText, 'Speak slowly and quietly.');
    assert.equal(shown.sensoryText, 'Low light.');
    assert.equal(shown.contactParts[1]?.tel, '07700900123');
    const hidden = presentGlance(content, ['approach', 'contacts']);
    assert.equal(hidden.toneText, null);
    assert.deepEqual(hidden.contactParts, []);
  });
});
