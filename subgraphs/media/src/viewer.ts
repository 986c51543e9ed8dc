import { UnauthenticatedError } from '@lobby/platform';

/** Whom a response is for: the signed-in user the router vouched for, or nobody. */
export interface Viewer {
  userId: string | null;
}

/** The viewer's user id; UNAUTHENTICATED for an anonymous request. */
export function requireUser(viewer: Viewer): string {
  if (!viewer.userId) throw new UnauthenticatedError();
  return viewer.userId;
}
