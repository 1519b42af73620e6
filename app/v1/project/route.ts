import { apiRoute, readJson } from '@/lib/api/api-route';
import { createProject, projectSpecSchema } from '@/lib/projects/create-project';
import { listProjects } from '@/lib/projects/list-projects';

export const GET = apiRoute(async ({ caller, prisma }) => Response.json(await listProjects({ prisma, caller })));

export const POST = apiRoute(async ({ request, caller, prisma }) => {
  const { name } = projectSpecSchema.parse(await readJson(request));
  return Response.json(await createProject({ prisma, caller, name }));
});
