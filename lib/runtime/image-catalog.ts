/** The images the built-in `process` runtime can run. */
export const IMAGE_CATALOG = [
  {
    image: 'infrastructureascode/hello-world',
    description: 'Answers "Hello, World!" to every request',
  },
  {
    image: 'tollgate/echo',
    description: 'Returns the request it received as JSON: method, path, headers, body',
  },
  {
    image: 'tollgate/stream',
    description: 'Server-sent events on /sse and a WebSocket echo on /ws',
  },
] as const;

export type ImageName = (typeof IMAGE_CATALOG)[number]['image'];

export const IMAGE_NAMES = IMAGE_CATALOG.map((entry) => entry.image) as [ImageName, ...ImageName[]];
