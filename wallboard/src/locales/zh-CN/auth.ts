/** Signing in: the login page, wall displays signing in with their link, changing one’s password. */
import type { MessageSchema } from '../en';

export const login: MessageSchema['login'] = {
  title: '登录',
  username: '用户名',
  password: '密码',
  submit: '登录',
  pending: '正在登录…',
  expired: '登录已过期，请重新登录',
  missing: '请输入用户名和密码。',
  badCredentials: '用户名或密码错误。',
  tooManyAttempts: '尝试次数过多，请 {n} 分钟后再试',
  unreachable: '无法连接服务器，每隔几秒自动重试。',
};

export const kiosk: MessageSchema['kiosk'] = {
  signingIn: '正在登录此大屏…',
  invalid: '此大屏链接已失效，请向管理员索取新链接',
  missing: '此大屏没有登录链接，请向管理员索取',
  unreachable: '无法连接服务器，每隔几秒自动重试。',
};

export const account: MessageSchema['account'] = {
  title: '修改密码',
  current: '当前密码',
  new: '新密码',
  repeat: '再次输入新密码',
  submit: '修改密码',
  pending: '正在修改…',
  done: '密码已修改。',
  tooShort: '至少 8 个字符。',
  mismatch: '两次输入的新密码不一致。',
  wrongCurrent: '当前密码错误。',
};
