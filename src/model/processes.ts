import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { packagePath } from '../paths.js';
import type { RoleCode } from './types.js';

export interface TaskModel {
  id: string;
  title: string;
  roles: RoleCode[];
  outputs: { wp: string; statuses: string[] }[];
}

export interface ProcessModel {
  code: string;
  name: string;
  objectives: { code: string; text: string }[];
  tasks: TaskModel[];
}

export interface FitsmModel {
  code: string;
  name: string;
  tasks: string[];
  wps: string[];
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
