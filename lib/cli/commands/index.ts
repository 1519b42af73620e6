// Every command, in the order help lists them.

import type { CommandSpec } from '../command.ts';
import { appAddExternal } from './app-add-external.ts';
import { appDelete } from './app-delete.ts';
import { appGet } from './app-get.ts';
import { appLogs } from './app-logs.ts';
import { appLs } from './app-ls.ts';
import { appRun } from './app-run.ts';
import { appScale } from './app-scale.ts';
import { appSetLabel } from './app-set-label.ts';
import { appStart } from './app-start.ts';
import { appStop } from './app-stop.ts';
import { appUpdate } from './app-update.ts';
import { appUrl } from './app-url.ts';

export const COMMANDS: readonly CommandSpec[] = [
  appLs,
  appGet,
  appLogs,
  appRun,
  appAddExternal,
  appUpdate,
  appScale,
  appStart,
  appStop,
  appDelete,
  appSetLabel,
  appUrl,
];
