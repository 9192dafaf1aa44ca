/** QA workspace: tile. */
import type { MessageSchema } from '../../en';

export const tile: MessageSchema['qa']['tile'] = {
  title: '本周质检',
  mean: '{mean} ± {margin}',
  scores: '无评分 | {n} 个评分 | {n} 个评分',
  noScores: '暂无评分',
  oneScore: '仅一个评分：无误差范围',
  reviewed: '已评 {done} / 计划 {planned}',
  reviewedUnplanned: '已评 {done}',
  progress: '本周已完成的质检',
};
