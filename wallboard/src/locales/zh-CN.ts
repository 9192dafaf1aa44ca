import type { MessageSchema } from './en';

const zhCN: MessageSchema = {
  app: {
    name: 'Callboard',
    nav: {
      label: '主导航',
      wallboard: '实时看板',
      trends: '趋势',
      qa: '质检',
      settings: '设置',
    },
    demoBadge: '演示数据',
    demoHint: '这些数据来自内置的话务模拟器，而非电话系统。',
    language: '语言',
  },
  language: {
    zhCN: '中文',
    en: 'English',
  },
  wallboard: {
    title: '今日',
    asOf: '{day} · 截至 {time}（{tz}）',
    loading: '正在加载今日数据…',
    empty: '今日暂无来电。首个电话进入队列后，数据将显示在这里。',
    errorNoData: '无法加载今日数据，每隔几秒自动重试。',
    errorStale: '无法刷新数据，当前显示最近一次收到的数据（{time}），正在重试。',
    errorStatus: '服务器返回 {status}。',
    tableCaption: '今日各队列来电',
    totals: '全部队列',
    col: {
      queue: '队列',
      offered: '来电',
      answered: '接听',
      answeredInThreshold: '三声内接听',
      abandoned: '放弃（短时）',
      timedOut: '超时',
      waiting: '排队中',
      threeRingRate: '三声接听率',
      asaS: '平均应答',
      abandonRate: '放弃率',
    },
    hint: {
      offered: '今日进入队列的来电。',
      answered: '由坐席接听的来电。',
      answeredInThreshold: '等待不超过三声铃响即接听的来电。',
      abandoned: '来电者在等待中挂断；括号内为短时放弃（数秒内挂断）。',
      timedOut: '未接听即离开队列的来电（超时、队列无人、按键退出）。',
      waiting: '当前在队列中等待的来电。',
      threeRingRate: '三声内接听 ÷（接听 + 放弃 − 短时放弃 + 超时）。',
      asaS: '平均应答速度：已接听来电的平均等待时长。',
      abandonRate: '（放弃 − 短时放弃）÷（来电 − 短时放弃）。',
    },
  },
  comingSoon: {
    badge: '即将推出',
  },
  trends: {
    title: '趋势',
    summary: '按中心所在时区查看一段时间内的运营情况。',
    items: {
      charts: '来电量、三声接听率、平均应答和放弃率，可按 15 分钟、小时、日、周或月查看。',
      filters: '可按队列、来电类型或坐席筛选，并与对比期比较。',
      counts: '每个比率背后的原始计数，便于逐项核对。',
      report: '月度分析报告：分时段和业务类型的来电量、问题类型、处理结果与满意度，可打印或导出 CSV、PDF。',
    },
  },
  qa: {
    title: '质量检查',
    summary: '按服务礼仪检查表对抽样来电进行评审。',
    items: {
      queue: '您的评审队列：每周按坐席抽取的来电。',
      scoring: '按检查表评分：问候、礼貌用语、问题处理、结束语、记录完整。',
      autoChecks: '基于通话文本的提示及证据：问候语、禁用语、结束语。',
      workflow: '坐席确认与申诉，以及评审员之间的校准。',
    },
  },
  settings: {
    title: '设置',
    summary: 'Callboard 如何衡量您的中心。',
    items: {
      thresholds: '按队列设置：三声接听率所依据的铃声次数和振铃周期，以及短时放弃时限。',
      sla: '答复、投诉和回访的时限策略，以及工作日日历。',
      users: '用户、角色和看板显示令牌。',
      keys: '供电话系统发送来电事件的 API 密钥。',
    },
  },
};

export default zhCN;
