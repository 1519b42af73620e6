// Test image: answers with the names and values of its environment variables as JSON.
import http from 'node:http';

const server = http.createServer((req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(process.env));
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('env-dump ready'));
process.on('SIGTERM', () => process.exit(0));
