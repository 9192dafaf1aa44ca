/** English messages, one file per area of the app; these define the keys (`MessageSchema`) every language has. */
import { app, comingSoon, errors, exports, language, roles, scope } from './common';
import { account, kiosk, login } from './auth';
import { admin, audit, keys, kioskTokens, users } from './admin';
import { charts, formula, wallboard } from './wallboard';
import { trends } from './trends';
import { qa } from './qa/index';
import { settings } from './settings';

const en = {
  app,
  roles,
  errors,
  login,
  kiosk,
  account,
  admin,
  scope,
  users,
  keys,
  kioskTokens,
  audit,
  language,
  wallboard,
  formula,
  charts,
  comingSoon,
  exports,
  trends,
  qa,
  settings,
};

export type MessageSchema = typeof en;

export default en;
