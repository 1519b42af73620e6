// One app as a command's result: the API object for json/yaml, the details view for table.

import type { App } from '../app-schema.ts';
import { appDetails } from '../app-views.ts';
import type { CommandContext } from '../command.ts';

export function printApp(ctx: CommandContext, app: App): void {
  ctx.output.print(app, () => appDetails(app, ctx.io.now()));
}
