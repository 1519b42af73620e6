// Test image: fails at startup.
console.error('exit-immediately: giving up');
process.exit(3);
