/**
 * "Who has seen my information", grouped so a person can read it: by day, then by person
 * ("Tom Wright, unit manager"), then one short line per action ("Looked at your plan 3 times."),
 * looks kept apart from changes, and emergency looks on their own. Short lines keep the page at
 * a reading age of 9 or under. Pure functions over the entries the audit service lists (which
 * decides who may see them).
 */

/** What kind of access an entry was: a look (read, print, download, search), a change, or an emergency look. */
export type AccessKind = 'look' | 'change' | 'emergency';

/** The filters the page offers. */
export const accessFilters = ['all', 'looks', 'changes', 'emergency'] as const;

/** One of the page's filters. */
export type AccessFilter = (typeof accessFilters)[number];

/** The fields of an entry the grouping needs. */
export interface GroupableEntry {
  when: string;
  /** Stable key for who acted (an account id, or their name when they have no account). */
  whoKey: string;
  who: string;
  roleLabel: string;
  unit: string | null;
  action: string;
  what: string;
  kind: AccessKind;
  reason: string | null;
}

/** One line of the grouped list. */
export interface AccessGroup {
  kind: AccessKind;
  who: string;
  roleLabel: string;
  unit: string | null;
  what: string;
  count: number;
  /** The whole line in plain words, naming who and when (for places that show one line). */
  sentence: string;
  /** The short line under the person's name: "Looked at your plan 3 times." */
  line: string;
  /** Times of day, earliest first ("9:05am"). */
  times: string[];
  /** Reasons given (emergency looks), without repeats. */
  reasons: string[];
}

/** Everything one person did on one day: their name is the heading, their actions the lines. */
export interface AccessPerson {
  /** "Tom Wright, unit manager", or just the name when they have no role. */
  heading: string;
  groups: AccessGroup[];
}

/** One day of the grouped list, newest first. */
export interface AccessDay {
  /** YYYY-MM-DD in UK time. */
  day: string;
  /** "4 December 2026". */
  label: string;
  groups: AccessGroup[];
  /** The same groups by person, in the order each person first appears. */
  people: AccessPerson[];
}

// Reads, prints, downloads, finding a name and looking at a page are all "looks".
const LOOK = /\.(view|print|export|search)/;

/** Sorts an audit action into a look, a change or an emergency look. */
export function accessKindOf(action: string, detail: Record<string, unknown>): AccessKind {
  if (detail.emergency === true || action.endsWith('.emergency_access')) return 'emergency';
  return LOOK.test(action) ? 'look' : 'change';
}

const ukDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const ukDayLong = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const ukDayShort = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
});
const ukTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

function howOften(count: number): string {
  if (count === 1) return '';
  return count === 2 ? ' twice' : ` ${count} times`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The kinds of access a filter shows, in the order the page lists them. */
export function kindsFor(filter: AccessFilter): AccessKind[] {
  switch (filter) {
    case 'looks':
      return ['look'];
    case 'changes':
      return ['change'];
    case 'emergency':
      return ['emergency'];
    case 'all':
      return ['emergency', 'look', 'change'];
  }
}

/** Groups entries of one kind (newest first) by day, then by who did what; the newest day first. */
export function groupAccesses(entries: readonly GroupableEntry[], kind: AccessKind): AccessDay[] {
  const days = new Map<string, AccessDay>();
  const groups = new Map<string, AccessGroup>();
  const whens = new Map<AccessGroup, string[]>();
  for (const e of entries) {
    if (e.kind !== kind) continue;
    const at = new Date(e.when);
    const day = ukDay.format(at);
    let bucket = days.get(day);
    if (!bucket) {
      bucket = { day, label: ukDayLong.format(at), groups: [], people: [] };
      days.set(day, bucket);
    }
    const key = [day, e.kind, e.whoKey, e.roleLabel, e.unit ?? '', e.action].join('\u0000');
    let group = groups.get(key);
    if (!group) {
      group = {
        kind: e.kind,
        who: e.who,
        roleLabel: e.roleLabel,
        unit: e.unit,
        what: e.what,
        count: 0,
        sentence: '',
        line: '',
        times: [],
        reasons: [],
      };
      groups.set(key, group);
      whens.set(group, []);
      bucket.groups.push(group);
      const heading = e.roleLabel ? `${e.who}, ${lowerFirst(e.roleLabel)}` : e.who;
      const person = bucket.people.find((p) => p.heading === heading);
      if (person) person.groups.push(group);
      else bucket.people.push({ heading, groups: [group] });
    }
    group.count += 1;
    whens.get(group)?.push(e.when);
    if (e.reason && !group.reasons.includes(e.reason)) group.reasons.push(e.reason);
  }
  for (const group of groups.values()) {
    const whenList = whens.get(group) ?? [];
    const first = new Date(whenList[0] ?? 0);
    // "Tom Wright, unit manager, looked at …"; someone with no role: "Sol (your supporter) looked at …".
    const role = group.roleLabel ? `, ${lowerFirst(group.roleLabel)},` : '';
    group.sentence = `${group.who}${role} ${lowerFirst(group.what)}${howOften(group.count)} on ${ukDayShort.format(first)}.`;
    group.line = `${group.what}${howOften(group.count)}.`;
    // The same minute once, so several looks in a row read as one time.
    group.times = [
      ...new Set(whenList.map((w) => ukTime.format(new Date(w)).replace(' ', '')).reverse()),
    ];
  }
  return [...days.values()];
}
