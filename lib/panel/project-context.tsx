'use client';

import { createContext, useContext, type ReactNode } from 'react';

// The project the panel page was rendered for. Every /v1 call and query key
// carries it, so cached data of one project never shows under another.
const ProjectContext = createContext<string | null>(null);

export function ProjectProvider({ projectId, children }: { projectId: string; children: ReactNode }) {
  return <ProjectContext value={projectId}>{children}</ProjectContext>;
}

export function useProjectId(): string {
  const projectId = useContext(ProjectContext);
  if (projectId === null) throw new Error('useProjectId must be used inside <ProjectProvider>');
  return projectId;
}
