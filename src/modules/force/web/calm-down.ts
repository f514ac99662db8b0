/** The calm-down and reassurance questions' items, shared by the recording and correction forms. */
import type { CodeItem } from '../codes.ts';
import { labelOf } from '../codes.ts';
import type { CalmDownInput } from '../learning-codes.ts';
import {
  calmDownMethods,
  calmDownOfferedOptions,
  othersReassuredOptions,
} from '../learning-codes.ts';
import { items } from './common.ts';

const one = (v: unknown): string =>
  typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '';
const many = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : [];

/** Radio and checkbox items for the calm-down questions, with the form's answers marked. */
export function calmDownItems(values: Record<string, unknown>) {
  return {
    calmOfferedItems: items(calmDownOfferedOptions, one(values.calmDownOffered)),
    calmMethodItems: items(calmDownMethods, many(values.calmDownMethods)),
    othersReassuredItems: items(othersReassuredOptions, one(values.othersReassured)),
  };
}

/** The review page's rows for the calm-down answers ("Not answered" when skipped). */
export function calmDownRows(calm: CalmDownInput | undefined) {
  const said = (list: readonly CodeItem[], code: string | null | undefined) =>
    code ? labelOf(list, code) : 'Not answered';
  return [
    {
      field: 'calmDownOffered',
      key: 'Ways to calm down offered first',
      text: said(calmDownOfferedOptions, calm?.offered),
    },
    {
      field: 'calmDownMethods',
      key: 'Which ways',
      lines: calm?.methods.length
        ? calm.methods.map((m) => labelOf(calmDownMethods, m))
        : ['None ticked'],
    },
    {
      field: 'othersReassured',
      key: 'Others on the ward reassured',
      text: said(othersReassuredOptions, calm?.othersReassured),
    },
  ];
}

/** The incident page's words for the stored calm-down answers. */
export function calmDownSummary(incident: {
  calm_down_offered: string | null;
  calm_down_methods: string | null;
  others_reassured: string | null;
}) {
  const methods = incident.calm_down_methods
    ? (JSON.parse(incident.calm_down_methods) as string[])
    : [];
  return {
    calmDown: calmDownRows({
      offered: incident.calm_down_offered,
      methods,
      othersReassured: incident.others_reassured,
    }).map((r) => ({ key: r.key, text: r.text ?? (r.lines ?? []).join(', ') })),
  };
}
