import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getAppAccess } from '@/lib/dal/app-access';
import { getPanelOptions } from '@/lib/dal/panel-options';
import { EditApp } from '@/components/apps/edit-app';

export const metadata: Metadata = { title: 'Edit app' };

export default async function EditAppPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The same check as the details page: signed in, and the app is in the current project.
  if (!(await getAppAccess(id))) notFound();
  const { images, anyImage } = getPanelOptions();
  return <EditApp id={id.toLowerCase()} images={images} anyImage={anyImage} />;
}
