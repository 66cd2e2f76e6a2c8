import { ValidationError } from 'class-validator';
import { ValidationFailedError } from './domain-error';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Flattens class-validator's nested errors into `{ field: "a.b[0].c", problems: [...] }` rows. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const rows: FieldProblem[] = [];
  for (const error of errors) {
    const field = prefix ? (/^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : `${prefix}.${error.property}`) : error.property;
    if (error.constraints) rows.push({ field, problems: Object.values(error.constraints) });
    if (error.children?.length) rows.push(...flattenValidationErrors(error.children, field));
  }
  return rows;
}

export function validationFailed(errors: ValidationError[]): ValidationFailedError {
  const fields = flattenValidationErrors(errors);
  const summary = fields.map((f) => f.field).join(', ');
  return new ValidationFailedError(`Request validation failed: ${summary}`, { fields });
}
