import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { packagePath } from '../paths.js';
import type { RoleCode } from './types.js';

/** What a conforming record looks like for a task: a check of the audit, with its parameters. */
export interface Obligation {
  check: string;
  type?: string;
  by?: RoleCode[];
  after?: string[];
  require?: string;
  where?: Record<string, string[]>;
}

export interface TaskModel {
  id: string;
  title: string;
  roles: RoleCode[];
  inputs: string[];
  outputs: { wp: string; statuses: string[] }[];
  obligations: Obligation[];
}

export interface ObjectiveModel {
  code: string;
  text: string;
  tasks: string[];
}

export interface ProcessModel {
  code: string;
  name: string;
  objectives: ObjectiveModel[];
  tasks: TaskModel[];
}

export interface FitsmModel {
  code: string;
  name: string;
  requirement: string;
  tasks: string[];
  records: string[];
  /** False when no record type of the repository can evidence the requirement. */
  covered?: boolean;
  note?: string;
}

export interface ProcessesModel {
  processes: ProcessModel[];
  fitsm: FitsmModel[];
}

let cached: ProcessesModel | undefined;

/**
 * The processes, objectives and tasks of ISO/IEC TR 29110-5-3 (model/processes.yaml), as checked
 * and converted to JSON by the build; the YAML source is read when running from sources.
 */
export function processModel(): ProcessesModel {
  if (!cached) {
    try {
      cached = JSON.parse(readFileSync(packagePath('dist', 'processes.json'), 'utf8')) as ProcessesModel;
    } catch {
      cached = parse(readFileSync(packagePath('model', 'processes.yaml'), 'utf8')) as ProcessesModel;
    }
  }
  return cached;
}
