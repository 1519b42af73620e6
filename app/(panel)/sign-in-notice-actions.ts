'use server';

import { dismissSignInNotice } from '@/lib/dal/sign-in-notice';

export async function dismissSignInNoticeAction(): Promise<void> {
  await dismissSignInNotice();
}
