/**
 * A TCP proxy the test controls, between an instance and its database. Cutting it makes the database
 * unreachable (connections reset, new ones refused); freezing it makes the database stop answering
 * while every connection stays open, as a hung server or a network that drops packets does.
 */
import net from "node:net";

export type TcpProxy = {
  port: number;
  cut: () => Promise<void>;
  restore: () => Promise<void>;
  freeze: () => void;
  thaw: () => void;
  close: () => Promise<void>;
};

type Pair = { client: net.Socket; upstream: net.Socket };

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const pairs = new Set<Pair>();
  let frozen = false;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  };
  const flow = ({ client, upstream }: Pair) => {
    client.pipe(upstream);
    upstream.pipe(client);
  };
  const stall = ({ client, upstream }: Pair) => {
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  };
  const server = net.createServer((client) => {
    const pair = { client, upstream: net.connect(target.port, target.host) };
    const { upstream } = pair;
    track(client);
    track(upstream);
    pairs.add(pair);
    // Either side closing closes the other, frozen or not.
    client.once("close", () => (pairs.delete(pair), upstream.destroy()));
    upstream.once("close", () => client.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    if (!frozen) flow(pair);
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        const address = server.address();
        resolve(typeof address === "object" && address ? address.port : port);
      });
    });
  const port = await listen(0);
  const cut = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of sockets) s.destroy();
    await closed;
  };
  return {
    port,
    cut,
    restore: async () => void (await listen(port)),
    freeze: () => {
      frozen = true;
      pairs.forEach(stall);
    },
    thaw: () => {
      frozen = false;
      pairs.forEach(flow);
    },
    close: () => (server.listening ? cut() : Promise.resolve()),
  };
}
