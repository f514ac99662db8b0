/** The contact-detail pattern: UK numbers in common forms and email addresses, and no false alarms. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { contactDetailsIn } from './contact-details.ts';

describe('contact details in a discharge message', () => {
  for (const text of [
    'Ring me on 07700 900123',
    'text 07700900123 any time',
    'call +44 7700 900123',
    '+447700900123',
    'home is (020) 7946 0000',
    '0161-496-0000',
    '0161 496 0000',
    '0113.496.0000',
  ])
    it(`holds "${text}" as a phone number`, () => {
      assert.equal(contactDetailsIn(text), 'It seems to include a phone number.');
    });

  for (const text of ['write to sam.lee@example.org', 'sam @ example.co.uk'])
    it(`holds "${text}" as an email address`, () => {
      assert.equal(contactDetailsIn(text), 'It seems to include an email address.');
    });

  for (const text of [
    'I was here for 3 months and it got better.',
    'Room 12, 2026, and 100 days later I am going home',
    'The 0800 bus',
    'It took 12345 small steps',
    'Keep going @ your own pace',
  ])
    it(`lets "${text}" through`, () => {
      assert.equal(contactDetailsIn(text), null);
    });

  it('names both when there are both', () => {
    assert.match(String(contactDetailsIn('a@b.com or 07700 900123')), /email address and a phone/);
  });
});
