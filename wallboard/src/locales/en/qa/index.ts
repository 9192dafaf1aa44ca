/** The QA workspace: one file per screen, assembled here. */
import { common } from './common';
import { media } from './media';
import { form } from './form';
import { review } from './review';
import { evaluation } from './evaluation';
import { agent } from './agent';
import { disputes } from './disputes';
import { calibration } from './calibration';
import { editor } from './editor';
import { sampling } from './sampling';
import { summary } from './summary';
import { tile } from './tile';

export const qa = {
  ...common,
  media,
  form,
  review,
  evaluation,
  agent,
  disputes,
  calibration,
  editor,
  sampling,
  summary,
  tile,
};
