/**
 * Roles a user may hold across Lobby (not inside a building: those are buildings'). Carried in
 * the access token's `roles` claim; granted only from the command line (grant-role.ts).
 */
export const ROLES = ['admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
