// Forces a full garbage collection in a process started with --inspect=127.0.0.1:<port>, through
// the DevTools protocol, so that a memory reading counts live objects rather than whatever garbage
// and young-generation space the last few seconds of traffic happened to leave behind. Nothing
// pauses or debugs the process: one session, one HeapProfiler.collectGarbage, then it detaches.
import WebSocket from 'ws';

export async function collectGarbage(port, timeoutMs = 10_000) {
  const targets = await (await fetch(`http://127.0.0.1:${port}/json/list`, { signal: AbortSignal.timeout(timeoutMs) })).json();
  const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
  try {
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const call = (id, method) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${method} timed out`)), timeoutMs);
        socket.on('message', (data) => {
          const reply = JSON.parse(data);
          if (reply.id !== id) return;
          clearTimeout(timer);
          if (reply.error) reject(new Error(`${method}: ${reply.error.message}`));
          else resolve(reply.result);
        });
        socket.send(JSON.stringify({ id, method }));
      });
    await call(1, 'HeapProfiler.collectGarbage');
    const { usedSize } = await call(2, 'Runtime.getHeapUsage');
    return { heapUsedBytes: usedSize };
  } finally {
    socket.close();
  }
}
