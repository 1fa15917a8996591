package dev.deckhand.slack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Plays Slack's Socket Mode server for tests: a minimal RFC 6455 WebSocket server (the handshake with
 * {@code Sec-WebSocket-Accept}, unmasked frames out, masked frames in, ping answered with pong). Each
 * accepted connection is handed to the test as a {@link Conn}, which sends text and reads what the
 * client sent; nothing is sent unless the test says so (so "before hello" can be observed).
 */
final class FakeSocketModeSlack implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final BlockingQueue<Conn> accepted = new LinkedBlockingQueue<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private final java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();

    FakeSocketModeSlack() throws IOException {
        server = new ServerSocket(0);
        acceptor = new Thread(this::acceptLoop, "fake-socket-mode-slack");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "ws://localhost:" + server.getLocalPort() + "/link/?ticket=t1";
    }

    /** The next connection the client opened (handshake done), waiting up to 15 s. */
    Conn nextConnection() throws InterruptedException {
        Conn c = accepted.poll(15, TimeUnit.SECONDS);
        if (c == null) {
            throw new AssertionError("the client did not open a WebSocket connection");
        }
        return c;
    }

    /** How many WebSocket connections the client has opened so far. */
    int connectionsOpened() {
        return opened.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Conn c = new Conn(s);
                c.handshake();
                opened.incrementAndGet();
                accepted.add(c);
            } catch (Exception e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    /** One WebSocket connection, from the server's side. */
    static final class Conn {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private volatile boolean silent;

        Conn(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        void handshake() throws Exception {
            String key = null;
            StringBuilder line = new StringBuilder();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed during handshake");
                }
                if (b == '\n') {
                    String l = line.toString().strip();
                    line.setLength(0);
                    if (l.isEmpty()) {
                        break;
                    }
                    if (l.toLowerCase().startsWith("sec-websocket-key:")) {
                        key = l.substring(l.indexOf(':') + 1).strip();
                    }
                } else {
                    line.append((char) b);
                }
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            synchronized (out) {
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
            Thread reader = new Thread(this::readLoop, "fake-socket-mode-reader");
            reader.setDaemon(true);
            reader.start();
        }

        void sendText(String text) throws IOException {
            frame(0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        /** A text frame the client sent, waiting up to 15 s; null if none came. */
        String nextText() throws InterruptedException {
            return received.poll(15, TimeUnit.SECONDS);
        }

        /** Sends a close frame and drops the TCP connection, as Slack does when it rotates a link. */
        /** From now on pings go unanswered and nothing is closed: a link that died without a word. */
        void goSilent() {
            silent = true;
        }

        void close() throws IOException {
            try {
                frame(0x8, new byte[]{0x03, (byte) 0xE8}); // 1000, normal closure
            } finally {
                socket.close();
            }
        }

        private void frame(int opcode, byte[] payload) throws IOException {
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.write(0x80 | opcode);
            if (payload.length < 126) {
                f.write(payload.length);
            } else if (payload.length < 65536) {
                f.write(126);
                f.write(payload.length >>> 8);
                f.write(payload.length & 0xff);
            } else {
                f.write(127);
                for (int i = 7; i >= 0; i--) {
                    f.write((int) (((long) payload.length >>> (8 * i)) & 0xff));
                }
            }
            f.write(payload);
            synchronized (out) {
                out.write(f.toByteArray());
                out.flush();
            }
        }

        private void readLoop() {
            try {
                while (true) {
                    int b0 = in.read();
                    int b1 = in.read();
                    if (b0 < 0 || b1 < 0) {
                        return;
                    }
                    int opcode = b0 & 0x0f;
                    long len = b1 & 0x7f;
                    if (len == 126) {
                        len = (in.read() << 8) | in.read();
                    } else if (len == 127) {
                        len = 0;
                        for (int i = 0; i < 8; i++) {
                            len = (len << 8) | in.read();
                        }
                    }
                    byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : new byte[4];
                    byte[] payload = in.readNBytes((int) len);
                    for (int i = 0; i < payload.length; i++) {
                        payload[i] ^= mask[i % 4];
                    }
                    switch (opcode) {
                        case 0x1 -> received.add(new String(payload, StandardCharsets.UTF_8));
                        case 0x8 -> {
                            socket.close();
                            return;
                        }
                        case 0x9 -> {
                            if (!silent) {
                                frame(0xA, payload);
                            }
                        }
                        default -> { }
                    }
                }
            } catch (IOException e) {
                // the connection is gone; the test sees it by what it does not receive
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
