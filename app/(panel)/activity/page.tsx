import type { Metadata } from 'next';
import { requireUser } from '@/lib/dal/current-user';
import { ActivityView } from '@/components/activity/activity-view';

export const metadata: Metadata = { title: 'Activity' };

export default async function ActivityPage() {
  const user = await requireUser('/activity');
  // The signed-in user is the one member the panel can name in the trail.
  return <ActivityView me={{ id: user.id, email: user.email }} />;
}
