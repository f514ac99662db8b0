/**
 * The whole schema as one Kysely type: each module declares its own tables in its
 * `tables.ts`, and this file joins them. Add a module's tables here when it gains some.
 */
import type { AccountsTables } from '../modules/accounts/tables.ts';
import type { AuditTables } from '../modules/audit/tables.ts';
import type { PlansTables } from '../modules/plans/tables.ts';
import type { LanguageTables } from '../modules/language/tables.ts';
import type { EnquiryTables } from '../modules/enquiry/tables.ts';
import type { ForceTables } from '../modules/force/tables.ts';
import type { RightsTables } from '../modules/rights/tables.ts';
import type { HelpTables } from '../modules/help/tables.ts';
import type { LearningTables } from '../modules/learning/tables.ts';
import type { WardsTables } from '../modules/wards/tables.ts';
import type { AssessmentTables } from '../modules/assessment/tables.ts';
import type { ImprovementTables } from '../modules/improvement/tables.ts';
import type { FormSubmissionTables } from '../lib/form-submissions-table.ts';
import type { DataGenerationTables } from './generation.ts';

/** Every table Hearth has. */
export type Database = AccountsTables &
  AuditTables &
  PlansTables &
  LanguageTables &
  EnquiryTables &
  ForceTables &
  RightsTables &
  HelpTables &
  LearningTables &
  WardsTables &
  AssessmentTables &
  ImprovementTables &
  FormSubmissionTables &
  DataGenerationTables;
