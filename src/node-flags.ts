/**
 * The Node.js flags MotCua's server process runs with. They must be on the command line (V8 sizes its
 * heap at start-up; set later they do nothing): `npm start` passes them (package.json, checked against
 * this list by test/platform/node-flags.test.ts), and so do the tests and benchmarks that start
 * MotCua as a process (test/proof/support/child-server.ts).
 *
 * `--max-semi-space-size=32`: a young generation of 2 × 32 MB instead of V8's 2 × 16 MB. A request
 * allocates mostly short-lived objects; with the larger nursery fewer of them survive into the old
 * generation and the scavenger runs half as often. Measured on the intake benchmark: 8–15% more
 * intakes a second at the cost of up to 48 MB more reserved memory
 * (docs/decisions/0007-young-generation.md).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
