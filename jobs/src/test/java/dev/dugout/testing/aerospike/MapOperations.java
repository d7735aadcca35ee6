package dev.dugout.testing.aerospike;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CDT map operations (op types 3 and 4) this server implements: put, add, replace and their
 * "items" forms, size, and getByKey. An operation arrives as a msgpack array
 * {@code [command, args...]} in a blob particle; the bin holds the map's msgpack bytes, led by an
 * order extension when the map is key ordered. Nested contexts ({@code CTX}) and the other map
 * commands answer PARAMETER_ERROR.
 */
final class MapOperations {
    private static final int ADD = 65;
    private static final int ADD_ITEMS = 66;
    private static final int PUT = 67;
    private static final int PUT_ITEMS = 68;
    private static final int REPLACE = 69;
    private static final int REPLACE_ITEMS = 70;
    private static final int SIZE = 96;
    private static final int GET_BY_KEY = 97;

    private static final int FLAG_CREATE_ONLY = 1;
    private static final int FLAG_UPDATE_ONLY = 2;
    private static final int FLAG_NO_FAIL = 4;
    private static final int FLAG_PARTIAL = 8;

    private static final int RETURN_NONE = 0;
    private static final int RETURN_INDEX = 1;
    private static final int RETURN_COUNT = 5;
    private static final int RETURN_KEY = 6;
    private static final int RETURN_VALUE = 7;
    private static final int RETURN_KEY_VALUE = 8;
    private static final int RETURN_EXISTS = 13;

    private static final int ELEMENT_NOT_FOUND = 23;
    private static final int ELEMENT_EXISTS = 24;

    private MapOperations() {
    }

    /** The outcome of a modify: the new bin value and the value the operation returns. */
    record Modified(Particle bin, Particle result) {
    }

    static Modified modify(Particle current, Particle opValue) {
        List<?> call = call(opValue);
        int command = ((Long) call.get(0)).intValue();
        MsgPack.MsgMap map = current == null ? null : decodeMap(current);
        LinkedHashMap<Object, Object> items = new LinkedHashMap<>();
        int attributes;
        int flags;
        int itemCommand;
        switch (command) {
            case ADD: case PUT: case REPLACE:
                items.put(arg(call, 1), arg(call, 2));
                attributes = intArg(call, 3, 0);
                flags = intArg(call, 4, 0);
                itemCommand = command;
                break;
            case ADD_ITEMS: case PUT_ITEMS: case REPLACE_ITEMS:
                if (!(arg(call, 1) instanceof MsgPack.MsgMap given)) {
                    throw new CommandFailure(ResultCodes.PARAMETER_ERROR, "map items operation needs a map argument");
                }
                items.putAll(given.entries());
                attributes = intArg(call, 2, 0);
                flags = intArg(call, 3, 0);
                itemCommand = command - 1;
                break;
            default:
                throw new CommandFailure(ResultCodes.PARAMETER_ERROR,
                    "map modify command " + command + " is not supported by this test server");
        }
        if (itemCommand == ADD) {
            flags |= FLAG_CREATE_ONLY;
        } else if (itemCommand == REPLACE) {
            flags |= FLAG_UPDATE_ONLY;
        }
        if (map == null) {
            if ((flags & FLAG_UPDATE_ONLY) != 0 && (flags & FLAG_NO_FAIL) == 0) {
                throw new CommandFailure(ELEMENT_NOT_FOUND, "map replace on a bin that holds no map");
            }
            map = new MsgPack.MsgMap(attributes & 0x3, new LinkedHashMap<>());
        }
        LinkedHashMap<Object, Object> entries = new LinkedHashMap<>(map.entries());
        for (Map.Entry<Object, Object> item : items.entrySet()) {
            boolean exists = entries.containsKey(item.getKey());
            boolean refused = (flags & FLAG_CREATE_ONLY) != 0 && exists || (flags & FLAG_UPDATE_ONLY) != 0 && !exists;
            if (!refused) {
                entries.put(item.getKey(), item.getValue());
            } else if ((flags & FLAG_NO_FAIL) == 0) {
                throw new CommandFailure(exists ? ELEMENT_EXISTS : ELEMENT_NOT_FOUND, "map key " + item.getKey()
                    + (exists ? " already exists" : " does not exist"));
            } else if ((flags & FLAG_PARTIAL) == 0) {
                return new Modified(current, Particle.ofLong(map.entries().size()));
            }
        }
        MsgPack.MsgMap updated = new MsgPack.MsgMap(map.flags(), ordered(map.flags(), entries));
        return new Modified(new Particle(Particle.MAP, MsgPack.encode(updated)), Particle.ofLong(entries.size()));
    }

    /** A read on a missing bin returns nil, as on the server. */
    static Particle read(Particle current, Particle opValue) {
        List<?> call = call(opValue);
        int command = ((Long) call.get(0)).intValue();
        if (current == null) {
            return Particle.NIL;
        }
        MsgPack.MsgMap map = decodeMap(current);
        switch (command) {
            case SIZE:
                return Particle.ofLong(map.entries().size());
            case GET_BY_KEY:
                return getByKey(map, intArg(call, 1, 0), arg(call, 2));
            default:
                throw new CommandFailure(ResultCodes.PARAMETER_ERROR,
                    "map read command " + command + " is not supported by this test server");
        }
    }

    private static Particle getByKey(MsgPack.MsgMap map, int returnType, Object key) {
        boolean found = map.entries().containsKey(key);
        switch (returnType) {
            case RETURN_NONE:
                return Particle.NIL;
            case RETURN_COUNT:
                return Particle.ofLong(found ? 1 : 0);
            case RETURN_EXISTS:
                return Particle.ofBool(found);
            case RETURN_KEY:
                return found ? MsgPack.toParticle(key) : Particle.NIL;
            case RETURN_VALUE:
                return found ? MsgPack.toParticle(map.entries().get(key)) : Particle.NIL;
            case RETURN_KEY_VALUE: {
                LinkedHashMap<Object, Object> one = new LinkedHashMap<>();
                if (found) {
                    one.put(key, map.entries().get(key));
                }
                return MsgPack.toParticle(new MsgPack.MsgMap(0, one));
            }
            case RETURN_INDEX: {
                if (!found) {
                    return Particle.NIL;
                }
                List<Object> keys = new ArrayList<>(map.entries().keySet());
                keys.sort(KEY_ORDER);
                return Particle.ofLong(keys.indexOf(key));
            }
            default:
                throw new CommandFailure(ResultCodes.PARAMETER_ERROR,
                    "map return type " + returnType + " is not supported by this test server");
        }
    }

    private static List<?> call(Particle opValue) {
        Object decoded;
        try {
            decoded = MsgPack.decode(opValue.bytes());
        } catch (ProtocolException e) {
            throw new CommandFailure(ResultCodes.PARAMETER_ERROR, "map operation is not valid msgpack: " + e.getMessage());
        }
        if (!(decoded instanceof List<?> call) || call.isEmpty() || !(call.get(0) instanceof Long command)) {
            throw new CommandFailure(ResultCodes.PARAMETER_ERROR, "map operation is not a [command, ...] array");
        }
        if (command == 0xff) {
            throw new CommandFailure(ResultCodes.PARAMETER_ERROR, "map operations with a CTX path are not supported");
        }
        return call;
    }

    private static MsgPack.MsgMap decodeMap(Particle bin) {
        if (bin.type() != Particle.MAP) {
            throw new CommandFailure(ResultCodes.BIN_TYPE_ERROR, "map operation on a bin of particle type " + bin.type());
        }
        return (MsgPack.MsgMap) MsgPack.decode(bin.bytes());
    }

    private static Object arg(List<?> call, int i) {
        if (i >= call.size()) {
            throw new CommandFailure(ResultCodes.PARAMETER_ERROR, "map operation is missing argument " + i);
        }
        return call.get(i);
    }

    private static int intArg(List<?> call, int i, int absent) {
        return i < call.size() && call.get(i) instanceof Long l ? l.intValue() : absent;
    }

    private static LinkedHashMap<Object, Object> ordered(int flags, LinkedHashMap<Object, Object> entries) {
        if ((flags & 1) == 0) {
            return entries;
        }
        LinkedHashMap<Object, Object> sorted = new LinkedHashMap<>();
        entries.entrySet().stream().sorted(Map.Entry.comparingByKey(KEY_ORDER))
            .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** Aerospike's msgpack ordering: by type (nil, bool, int, string, list, map, bytes, double), then value. */
    private static final Comparator<Object> KEY_ORDER = Comparator.comparingInt(MapOperations::typeRank)
        .thenComparing((a, b) -> compareSameRank(a, b));

    private static int typeRank(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Boolean) {
            return 1;
        }
        if (v instanceof Long) {
            return 2;
        }
        if (v instanceof MsgPack.Bytes b) {
            return b.particleString() != null ? 3 : 6;
        }
        if (v instanceof List<?>) {
            return 4;
        }
        if (v instanceof MsgPack.MsgMap) {
            return 5;
        }
        return 7;
    }

    @SuppressWarnings("unchecked")
    private static int compareSameRank(Object a, Object b) {
        if (a instanceof MsgPack.Bytes x && b instanceof MsgPack.Bytes y) {
            return java.util.Arrays.compareUnsigned(x.raw(), y.raw());
        }
        if (a instanceof Comparable<?> && a.getClass() == b.getClass()) {
            return ((Comparable<Object>) a).compareTo(b);
        }
        return 0;
    }
}
