// A throwaway nginx under one directory (the forward-auth tests', the benchmarks'): its pid file,
// error log and temp paths all there, no access log.

/** The temp directories nginxConf names; create them under `dir` before nginx starts. */
export const NGINX_TEMP_DIRS = ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'] as const;

/** The main nginx.conf; `http` (lines indented by two, each ending in a newline) goes into its http block. */
export function nginxConf(dir: string, options: { workers: string | number; workerConnections: number; http: string }): string {
  return `worker_processes ${options.workers};
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections ${options.workerConnections}; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${options.http}}
`;
}
