import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { appNameForTitle } from '@/lib/panel/app-page-title';
import { getAppAccess } from '@/lib/dal/app-access';
import { getPanelOptions } from '@/lib/dal/panel-options';
import { EditApp } from '@/components/apps/edit-app';

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const name = await appNameForTitle((await params).id);
  return { title: name ? `Edit ${name}` : 'Edit app' };
}

export default async function EditAppPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // The same check as the details page: signed in, and the app is in the current project.
  if (!(await getAppAccess(id))) notFound();
  const { images, anyImage } = getPanelOptions();
  return <EditApp id={id.toLowerCase()} images={images} anyImage={anyImage} />;
}
