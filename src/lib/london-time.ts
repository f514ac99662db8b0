/**
 * Wall-clock time on the ward (Europe/London), summer time included. One formatter, made once,
 * for every module that shows or checks local times.
 */

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The London wall-clock time of an instant as `YYYY-MM-DDTHH:MM`. */
export function toLondonLocal(iso: string | Date): string {
  const parts = Object.fromEntries(
    londonParts
      .formatToParts(typeof iso === 'string' ? new Date(iso) : iso)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
