// Preloaded (`node --require`) into every child of the process runtime. The server spawns its
// children with an IPC channel that nothing writes to: it closes when the server process ends,
// however it ends (SIGKILL included, when the server cannot stop its children itself). Then the
// child has a second to finish (the built-in images shut down cleanly on their own) and exits.
if (process.send && process.channel) {
  process.once('disconnect', () => setTimeout(() => process.exit(0), 1000).unref());
  // A 'disconnect' listener keeps the channel, so the process, alive: an app that would end on
  // its own must still end.
  process.channel.unref();
}
