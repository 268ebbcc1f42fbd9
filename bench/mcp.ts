// `npm run bench:mcp`: the MCP server through the SDK's own client on the local stack (fresh state), as a
// connected app sees it: OAuth (dynamic registration, PKCE, the consent answered over HTTP as the demo
// performer), then BENCH_MCP_CALLS calls of each of a read and a write tool of the profile (D1) and of the tip
// menu (the Room), one at a time, timed from the client: p50 and p99. Each connection may make 120 calls a
// minute (MCP_CALLS), so the calls are spread over connections of at most 100 calls each. Also: how many
// tools there are, and which scope each needs (found by connecting once per scope and listing).

import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { approveOverHttp, connectMcpApp, McpApp, signIn } from '../dev/mcp-app.ts';
import { startStack } from '../dev/stack.ts';
import { MCP_SCOPES } from '../workers/mcp/scopes.ts';

const calls = Number(process.env.BENCH_MCP_CALLS ?? 300);
const PER_CONNECTION = 100;
/** Reads and writes of D1 (the profile) and of the performer's Room (the tip menu). */
const TOOLS: { name: string; args: (i: number) => Record<string, unknown> }[] = [
  { name: 'profile_read', args: () => ({}) },
  { name: 'profile_update', args: (i) => ({ bio: `Benchmark bio ${i}` }) },
  { name: 'menu_read', args: () => ({}) },
  { name: 'menu_replace', args: (i) => ({ items: [{ label: 'Wave', price: 10 + (i % 50) }] }) },
];

const stack = await startStack();
const origin = stack.origin;
try {
  const cookie = await signIn(origin, 'performer@encore.local', 'encore-performer-demo');
  const connect = (name: string, scope?: string) =>
    connectMcpApp(origin, new McpApp(name, scope), approveOverHttp(origin, cookie));

  // Tools by scope: one connection per scope lists exactly that scope's tools.
  const byScope = new Map<string, string[]>();
  for (const scope of MCP_SCOPES) {
    const client = await connect(`bench ${scope}`, scope);
    byScope.set(
      scope,
      (await client.listTools()).tools.map((tool) => tool.name),
    );
    await client.close();
  }

  const timed = async (name: string, args: (i: number) => Record<string, unknown>, count = calls) => {
    const times: number[] = [];
    let client: Client | undefined;
    for (let i = 0; i < count; i++) {
      if (i % PER_CONNECTION === 0) {
        await client?.close();
        client = await connect(`bench ${name} ${i / PER_CONNECTION}`);
      }
      const start = performance.now();
      const result = await client!.callTool({ name, arguments: args(i) });
      times.push(performance.now() - start);
      if (result.isError) throw new Error(`${name} failed: ${JSON.stringify(result.content)}`);
    }
    await client?.close();
    return times;
  };
  const figures: [string, number[]][] = [];
  for (const { name, args } of TOOLS) {
    // A few calls first, so module loading and the Room's start are not in the figures.
    await timed(name, args, 10);
    figures.push([name, await timed(name, args)]);
  }

  // The same reads through the studio's REST routes, same run: what the MCP layer (token, standing, server,
  // activity row) adds on this machine.
  const rest = async (path: string) => {
    const times: number[] = [];
    for (let i = 0; i < calls; i++) {
      const start = performance.now();
      const response = await fetch(`${origin}${path}`, { headers: { Cookie: cookie } });
      await response.arrayBuffer();
      times.push(performance.now() - start);
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    }
    return times;
  };
  const baselines: [string, number[]][] = [
    ['GET /api/health', await rest('/api/health')],
    ['GET /api/studio/menu (the studio’s menu read)', await rest('/api/studio/menu')],
  ];

  const pct = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!.toFixed(1);
  const line = (name: string, xs: number[]) =>
    console.log(
      `${name.padEnd(48)} p50 ${pct(xs, 50).padStart(7)} ms  p99 ${pct(xs, 99).padStart(7)} ms  max ${Math.max(...xs)
        .toFixed(1)
        .padStart(7)} ms  (${xs.length} calls)`,
    );
  console.log(`\nMCP tools through the SDK client, ${origin}/mcp (wrangler dev, local D1, KV and Durable Objects):`);
  for (const [name, times] of figures) line(name, times);
  console.log('\nThe same machine, same run, without MCP (the studio’s session cookie):');
  for (const [name, times] of baselines) line(name, times);
  const all = new Set([...byScope.values()].flat());
  console.log(`\n${all.size} tools in ${MCP_SCOPES.length} scopes:`);
  for (const [scope, tools] of byScope) console.log(`  ${scope.padEnd(14)} ${tools.length} ${tools.join(', ')}`);
} finally {
  await stack.stop();
}
