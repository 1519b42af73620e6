import type { Project } from '../db/generated/client.ts';

export function projectDto(project: Pick<Project, 'id' | 'slug' | 'name' | 'createdAt'>) {
  return { id: project.id, createdAt: project.createdAt.toISOString(), spec: { name: project.name, slug: project.slug } };
}

export type ProjectDto = ReturnType<typeof projectDto>;
