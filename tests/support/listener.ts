/**
 * A listener on the loopback address that counts every connection (TCP: HTTP, WebSocket,
 * preconnect) and every datagram (UDP: WebRTC's STUN/TURN). An attack succeeded if it counts
 * more than zero.
 */
import dgram from 'node:dgram';
import net from 'node:net';

export interface Listener {
  tcpPort: number;
  udpPort: number;
  /** Connections and datagrams received so far. */
  count(): number;
  /** The first line of each request received, for messages. */
  seen: string[];
  close(): Promise<void>;
}

export async function listen(): Promise<Listener> {
  let connections = 0;
  let datagrams = 0;
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('data', (d) => seen.push(d.toString('latin1').split('\r\n')[0] ?? ''));
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    setTimeout(() => socket.destroy(), 200);
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  const udp = dgram.createSocket('udp4');
  udp.on('message', () => {
    datagrams++;
    seen.push('UDP datagram');
  });
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', resolve));
  return {
    tcpPort: (tcp.address() as net.AddressInfo).port,
    udpPort: udp.address().port,
    count: () => connections + datagrams,
    seen,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      await new Promise<void>((resolve) => udp.close(() => resolve()));
    },
  };
}

/** A page that tries every way out we know of: elements, links, scripts, sockets, WebRTC. */
export function attackPage(l: Listener, { policy = '' } = {}): string {
  const base = `http://127.0.0.1:${l.tcpPort}`;
  return `<!DOCTYPE html><html><head>${policy}
<link rel="prefetch" href="${base}/prefetch">
<link rel="preconnect" href="${base}">
<link rel="dns-prefetch" href="//jaarverslag-lek.example">
<link rel="stylesheet" href="${base}/style.css">
<style>@font-face { font-family: Lek; src: url(${base}/font.woff2); } p { font-family: Lek; }
body { background: url(${base}/background.png); }</style>
</head><body><p id="t">start</p><img src="${base}/img.png">
<script>
document.getElementById('t').textContent = 'SCRIPT LIEP';
try { fetch('${base}/fetch'); } catch (e) {}
try { new WebSocket('ws://127.0.0.1:${l.tcpPort}/ws'); } catch (e) {}
try { navigator.sendBeacon('${base}/beacon', 'x'); } catch (e) {}
try {
  const pc = new RTCPeerConnection({ iceServers: [
    { urls: 'stun:127.0.0.1:${l.udpPort}' },
    { urls: 'turn:127.0.0.1:${l.udpPort}', username: 'u', credential: 'c' } ] });
  pc.createDataChannel('lek');
  pc.createOffer().then((o) => pc.setLocalDescription(o));
} catch (e) {}
</script></body></html>`;
}
