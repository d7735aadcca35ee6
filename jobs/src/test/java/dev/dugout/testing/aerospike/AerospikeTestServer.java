package dev.dugout.testing.aerospike;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A small in-memory server that speaks the Aerospike wire protocol well enough for the official
 * Java client to run against it unchanged: one node owning every partition of its namespaces,
 * the info requests of cluster tending, single-record commands, batches, filter expressions and
 * map operations (see the package README for what is and is not supported). It listens on
 * 127.0.0.1 only, serves each connection on its own thread, and injects {@link Faults} on demand.
 *
 * <p>JDK only, so it also runs as a standalone dev server:
 * {@code java -cp jobs/target/test-classes dev.dugout.testing.aerospike.AerospikeTestServer --port 3000
 * [--namespace live ...]}; it prints one "listening" line when ready and exits when its stdin
 * reaches end of file or on SIGTERM.
 */
public final class AerospikeTestServer implements AutoCloseable, Faults.NodeSwitch {
    private static final String HOST = "127.0.0.1";
    private static final String[] DEFAULT_NAMESPACES = {"live", "complete", "test"};

    private final Map<String, Namespace> namespaces;
    private final Faults faults = new Faults(this);
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService connectionThreads = Executors.newCachedThreadPool(daemon("aerospike-test-conn"));
    private final ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(daemon("aerospike-test-faults"));
    private final InfoHandler info;
    private final MessageHandler messages;
    private final int port;
    private ServerSocket listener;
    private ScheduledFuture<?> pendingUp;
    private boolean closed;

    private AerospikeTestServer(int requestedPort, Map<String, Integer> defaultTtlSecondsByNamespace) throws IOException {
        Map<String, Namespace> byName = new LinkedHashMap<>();
        defaultTtlSecondsByNamespace.forEach((name, ttl) ->
            byName.put(name, new Namespace(name, ttl, System::currentTimeMillis)));
        this.namespaces = Collections.unmodifiableMap(byName);
        this.listener = bind(requestedPort);
        this.port = listener.getLocalPort();
        this.info = new InfoHandler(String.format("BB9%012X", port), port, namespaces);
        this.messages = new MessageHandler(new RecordExecutor(namespaces), faults);
        startAccepting(listener);
    }

    /** Starts a server on {@code port} (0 = an ephemeral port) with these namespaces (default live, complete, test), records never expiring by default. */
    public static AerospikeTestServer start(int port, String... namespaces) {
        Map<String, Integer> ttls = new LinkedHashMap<>();
        for (String ns : namespaces.length == 0 ? DEFAULT_NAMESPACES : namespaces) {
            ttls.put(ns, 0);
        }
        return start(port, ttls);
    }

    /** Starts a server whose namespaces have these default TTLs in seconds (0 = never expire). */
    public static AerospikeTestServer start(int port, Map<String, Integer> defaultTtlSecondsByNamespace) {
        if (defaultTtlSecondsByNamespace.isEmpty()) {
            throw new IllegalArgumentException("an Aerospike test server needs at least one namespace");
        }
        try {
            return new AerospikeTestServer(port, defaultTtlSecondsByNamespace);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + HOST + ":" + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return port;
    }

    public String host() {
        return HOST;
    }

    public Faults faults() {
        return faults;
    }

    /** Live (unexpired) records of a namespace. */
    public long recordCount(String namespace) {
        Namespace ns = namespaces.get(namespace);
        if (ns == null) {
            throw new IllegalArgumentException("no namespace " + namespace + " on this server; it has "
                + namespaces.keySet());
        }
        return ns.liveCount();
    }

    /** Drops every record of every namespace. */
    public void clear() {
        namespaces.values().forEach(Namespace::clear);
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closeQuietly(listener);
            if (pendingUp != null) {
                pendingUp.cancel(false);
            }
        }
        closeConnections();
        scheduler.shutdownNow();
        connectionThreads.shutdownNow();
    }

    @Override
    public void down(Duration forHowLong) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closeQuietly(listener);
            if (pendingUp != null) {
                pendingUp.cancel(false);
            }
            pendingUp = scheduler.schedule(this::upNow, forHowLong.toMillis(), TimeUnit.MILLISECONDS);
        }
        closeConnections();
    }

    @Override
    public synchronized void upNow() {
        if (closed || !listener.isClosed()) {
            return;
        }
        if (pendingUp != null) {
            pendingUp.cancel(false);
            pendingUp = null;
        }
        try {
            listener = bind(port);
            startAccepting(listener);
        } catch (IOException e) {
            System.err.println("aerospike-test-server: cannot listen again on port " + port + ": " + e.getMessage());
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        // The port may still hold connections in TIME_WAIT after down(): retry briefly.
        for (int attempt = 1; ; attempt++) {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            try {
                socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 128);
                return socket;
            } catch (BindException e) {
                socket.close();
                if (port == 0 || attempt == 20) {
                    throw e;
                }
                sleep(Duration.ofMillis(50));
            }
        }
    }

    private void startAccepting(ServerSocket socket) {
        Thread acceptor = new Thread(() -> acceptLoop(socket), "aerospike-test-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // listener closed by close() or down()
            }
            if (faults.refuseConnection()) {
                closeQuietly(client);
                continue;
            }
            connections.add(client);
            try {
                connectionThreads.execute(new ClientConnection(client, info, messages, () -> connections.remove(client)));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                closeQuietly(client); // shutting down
            }
        }
    }

    private void closeConnections() {
        for (Socket s : new ArrayList<>(connections)) {
            closeQuietly(s);
            connections.remove(s);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (Exception e) {
            // Closing during shutdown or a fault: nothing left to do with this socket.
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Standalone dev server: {@code --port N} (default 3000) and {@code --namespace NAME}, repeatable. */
    public static void main(String[] args) throws InterruptedException {
        int port = 3000;
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length || !(flag.equals("--port") || flag.equals("--namespace"))) {
                System.err.println("usage: AerospikeTestServer [--port N] [--namespace NAME]...; got " + flag);
                System.exit(2);
            }
            String value = args[++i];
            if (flag.equals("--port")) {
                port = Integer.parseInt(value);
            } else {
                names.add(value);
            }
        }
        AerospikeTestServer server = start(port, names.toArray(new String[0]));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "aerospike-test-shutdown"));
        Thread stdinWatch = new Thread(() -> {
            drain(System.in);
            stopped.countDown();
        }, "aerospike-test-stdin");
        stdinWatch.setDaemon(true);
        stdinWatch.start();
        System.out.println("aerospike-test-server listening on " + server.host() + ":" + server.port());
        System.out.flush();
        stopped.await();
        server.close();
        System.exit(0);
    }

    /** Reads until end of file: the parent process closed our stdin, or died. */
    private static void drain(InputStream in) {
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // Input is ignored; only its end matters.
            }
        } catch (IOException e) {
            // A broken stdin is treated as closed.
        }
    }
}
