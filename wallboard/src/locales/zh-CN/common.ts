/** The app shell and what every page shares: navigation, roles, errors, the language switch, scopes, pages still to come. */
import type { MessageSchema } from '../en';

export const app: MessageSchema['app'] = {
  name: 'Callboard',
  nav: {
    label: '主导航',
    wallboard: '实时看板',
    trends: '趋势',
    qa: '质检',
    settings: '设置',
    admin: '管理',
    adminUsers: '用户',
    adminKeys: 'API 密钥',
    adminKiosk: '大屏显示',
    adminAudit: '审计日志',
    account: '修改密码',
    login: '登录',
    kiosk: '大屏',
  },
  demoBadge: '演示数据',
  demoHint: '这些数据来自内置的话务模拟器，而非电话系统。',
  language: '语言',
  user: {
    label: '当前用户',
    changePassword: '修改密码',
    signOut: '退出登录',
  },
};

export const roles: MessageSchema['roles'] = {
  admin: '管理员',
  manager: '经理',
  supervisor: '班长/主管',
  qa_lead: '质检组长',
  qa_reviewer: '质检员',
  agent: '座席',
  kiosk: '大屏',
  ingest: '接入',
  metrics: '监控',
};

export const errors: MessageSchema['errors'] = {
  forbidden: '您无权执行此操作。如需权限，请联系管理员。',
  network: '无法连接服务器，请检查网络后重试。',
  timeout: '服务器未及时响应，请重试。',
  csrf: '无法确认此页面的请求来源，请刷新页面后重试。',
  status: '服务器返回 {status}：{message}',
};

export const language: MessageSchema['language'] = {
  zhCN: '中文',
  en: 'English',
};

export const scope: MessageSchema['scope'] = {
  queues: '队列',
  teams: '班组',
  allQueues: '全部队列',
  allTeams: '全部班组',
  everything: '全部队列和班组',
  summaryQueues: '队列：{list}',
  summaryTeams: '班组：{list}',
  all: '全部',
  none: '无',
  notApplicable: '—',
  other: '其他',
  add: '添加',
  noneKnown: '数据中尚未出现。',
};

export const comingSoon: MessageSchema['comingSoon'] = {
  badge: '即将推出',
};

export const exports: MessageSchema['exports'] = {
  label: '导出',
  csv: 'CSV',
  xlsx: 'Excel',
  failed: '导出失败：{error}',
};
