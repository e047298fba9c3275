// Where the user was going when the session was missing, so sign-in can take them there.

/** The path to return to after sign-in, from the router state SignIn received; never off-site. */
export function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  if (typeof from !== 'string' || !from.startsWith('/') || from.startsWith('//') || from.startsWith('/sign-in'))
    return '/';
  return from;
}
