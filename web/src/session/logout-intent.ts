/**
 * Whether the session ended because the user logged out (then the next login starts at
 * /skus) rather than expired (then it returns to the page the user was on).
 */
let loggedOut = false;

export function markLoggedOut(): void {
  loggedOut = true;
}

export function clearLoggedOut(): void {
  loggedOut = false;
}

export function wasLoggedOut(): boolean {
  return loggedOut;
}
