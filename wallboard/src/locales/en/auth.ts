/** Signing in: the login page, wall displays signing in with their link, changing one’s password. */
export const login = {
  title: 'Sign in',
  username: 'Username',
  password: 'Password',
  submit: 'Sign in',
  pending: 'Signing in…',
  expired: 'Your session has expired, please sign in again',
  missing: 'Enter your username and password.',
  badCredentials: 'Wrong username or password.',
  tooManyAttempts: 'Too many attempts, try again in {n} minute | Too many attempts, try again in {n} minutes',
  unreachable: 'Cannot reach the server. Trying again every few seconds.',
};

export const kiosk = {
  signingIn: 'Signing in this display…',
  invalid: 'This display link is no longer valid — ask an administrator for a new one',
  missing: 'This display has no sign-in link — ask an administrator for one',
  unreachable: 'Cannot reach the server. Trying again every few seconds.',
};

export const account = {
  title: 'Change password',
  current: 'Current password',
  new: 'New password',
  repeat: 'Repeat the new password',
  submit: 'Change password',
  pending: 'Changing…',
  done: 'Your password has been changed.',
  tooShort: 'At least 8 characters.',
  mismatch: 'The two new passwords differ.',
  wrongCurrent: 'The current password is wrong.',
};
