import { apiRoute, readJson } from '@/lib/api/api-route';
import { requireUserCaller } from '@/lib/api/require-user';
import { createProject, projectSpecSchema } from '@/lib/projects/create-project';

const projectDto = (p: { id: string; slug: string; name: string; createdAt: Date }) => ({
  id: p.id,
  createdAt: p.createdAt.toISOString(),
  spec: { name: p.name, slug: p.slug },
});

export const GET = apiRoute(async ({ caller, prisma }) => {
  const user = requireUserCaller(caller, 'projects');
  const projects = await prisma.project.findMany({
    where: { memberships: { some: { userId: user.userId } } },
    orderBy: { createdAt: 'asc' },
  });
  return Response.json(projects.map(projectDto));
});

export const POST = apiRoute(async ({ request, caller, prisma }) => {
  const user = requireUserCaller(caller, 'projects');
  const { name } = projectSpecSchema.parse(await readJson(request));
  const project = await createProject({ prisma, userId: user.userId, name, actor: user.actor });
  return Response.json(projectDto(project));
});
