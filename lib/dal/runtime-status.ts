import 'server-only';
import { getPrisma } from '../db/db.ts';
import { getRuntimeStatus, type RuntimeStatus } from '../runtime/get-runtime-status.ts';
import { getPanelCaller } from './current-user.ts';

/** The runtime line of the Apps page. */
export async function getPanelRuntimeStatus(): Promise<RuntimeStatus> {
  const { credential, actor } = await getPanelCaller('/apps');
  return getRuntimeStatus({ prisma: await getPrisma(), caller: { credential, actor } });
}
