package dev.dugout.testing.aerospike;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/**
 * The info protocol (proto type 1): the request is names separated by newlines, the answer one
 * {@code name\tvalue\n} line per name. It answers what the client's cluster tending asks of a
 * single node: its name, partition and peers generations, features, peers (none), and the
 * partition map, where this node masters all 4096 partitions of every namespace (a base64
 * bitmap, one bit per partition). Unknown names answer an empty value.
 */
final class InfoHandler {
    private static final int PARTITIONS = 4096;
    private static final String GENERATION = "1";
    private static final String FEATURES = String.join(";", "batch-any", "batch-index", "blob-bits",
        "cdt-list", "cdt-map", "float", "geo", "peers", "pipelining", "pquery", "pscans", "query-show",
        "relaxed-sc", "replicas", "replicas-all", "replicas-master", "truncate-namespace", "udf");
    private static final String VERSION = "7.0.0.0";
    static final String CLUSTER_NAME = "dugout-test";

    private final String nodeName;
    private final int port;
    private final Map<String, Namespace> namespaces;
    private final String allPartitions;

    InfoHandler(String nodeName, int port, Map<String, Namespace> namespaces) {
        this.nodeName = nodeName;
        this.port = port;
        this.namespaces = namespaces;
        byte[] bitmap = new byte[PARTITIONS / 8];
        java.util.Arrays.fill(bitmap, (byte) 0xFF);
        this.allPartitions = Base64.getEncoder().encodeToString(bitmap);
    }

    byte[] answer(byte[] request) {
        StringBuilder out = new StringBuilder();
        for (String name : new String(request, StandardCharsets.UTF_8).split("\n")) {
            if (!name.isBlank()) {
                out.append(name).append('\t').append(value(name.trim())).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String value(String name) {
        if (name.startsWith("namespace/")) {
            return namespaceStats(name.substring("namespace/".length()));
        }
        switch (name) {
            case "node": return nodeName;
            case "partition-generation": case "peers-generation": case "rebalance-generation": return GENERATION;
            case "features": return FEATURES;
            case "cluster-name": return CLUSTER_NAME;
            case "peers-clear-std": case "peers-tls-std": case "peers-clear-alt": case "peers-tls-alt":
                return GENERATION + "," + port + ",[]";
            case "service-clear-std": case "service-clear-alt": case "service": return "127.0.0.1:" + port;
            case "replicas": return perNamespace(ns -> "0,1," + allPartitions);
            case "replicas-all": return perNamespace(ns -> "1," + allPartitions);
            case "replicas-master": return perNamespace(ns -> allPartitions);
            case "rack-ids": return perNamespace(ns -> "0");
            case "namespaces": return String.join(";", namespaces.keySet());
            case "build": return VERSION;
            case "version": return "Aerospike Community Edition build " + VERSION;
            case "edition": return "Aerospike Community Edition";
            case "cluster-stable": return "dugout-test-cluster-key";
            case "statistics": return "objects=" + namespaces.values().stream().mapToLong(Namespace::liveCount).sum();
            default: return "";
        }
    }

    private String perNamespace(Function<Namespace, String> value) {
        StringBuilder out = new StringBuilder();
        for (Namespace ns : namespaces.values()) {
            if (out.length() > 0) {
                out.append(';');
            }
            out.append(ns.name()).append(':').append(value.apply(ns));
        }
        return out.toString();
    }

    private String namespaceStats(String name) {
        Namespace ns = namespaces.get(name);
        if (ns == null) {
            return "type=unknown";
        }
        return "objects=" + ns.liveCount() + ";replication-factor=1;default-ttl=" + ns.defaultTtlSeconds()
            + ";storage-engine=memory;nsup-period=0;strong-consistency=false";
    }
}
