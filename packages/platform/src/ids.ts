import { UserInputError } from './errors.js';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return uuidShape.test(value);
}

/** An ID argument as a UUID, or BAD_USER_INPUT naming the argument (never a database error). */
export function parseId(value: string, field: string): string {
  if (!isUuid(value)) throw new UserInputError(`${field} is not a valid ID.`, field);
  return value.toLowerCase();
}
