package dev.dugout.testing.aerospike;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A filter expression (field FILTER_EXP): the msgpack form of the client's {@code Exp} tree, where
 * a call is an array {@code [opcode, args...]} and a literal is a plain msgpack value (strings
 * carry the particle type byte). Parsing checks operand types the way the server does (an int bin
 * compared with a string is a parameter error) and rejects any opcode this server does not
 * implement with {@link Unsupported}, so an unknown expression never passes by accident.
 *
 * <p>Evaluation is three-valued like the server's: a missing bin, or a bin of another type than
 * declared, is "unknown"; {@code and} is false if any operand is false, {@code or} true if any is
 * true, and a filter that ends unknown filters the record out.
 */
final class FilterExpression {
    // Opcodes of com.aerospike.client.exp.Exp.
    private static final int EQ = 1;
    private static final int NE = 2;
    private static final int GT = 3;
    private static final int GE = 4;
    private static final int LT = 5;
    private static final int LE = 6;
    private static final int AND = 16;
    private static final int OR = 17;
    private static final int NOT = 18;
    private static final int LAST_UPDATE = 66;
    private static final int SINCE_UPDATE = 67;
    private static final int VOID_TIME = 68;
    private static final int TTL = 69;
    private static final int KEY_EXISTS = 71;
    private static final int BIN = 81;
    private static final int BIN_TYPE = 82;

    // Value types of Exp.Type.
    private static final int T_BOOL = 1;
    private static final int T_INT = 2;
    private static final int T_STRING = 3;
    private static final int T_BLOB = 6;
    private static final int T_FLOAT = 7;

    private static final Object UNKNOWN = new Object() {
        @Override
        public String toString() {
            return "unknown";
        }
    };

    /** An expression this server cannot evaluate; answered with PARAMETER_ERROR. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    /** What an expression can see of a record. */
    record Context(StoredRecord record, long nowMillis) {
    }

    private interface Node {
        int type();

        Object eval(Context ctx);
    }

    private final Node root;

    private FilterExpression(Node root) {
        this.root = root;
    }

    static FilterExpression parse(byte[] msgpack) {
        Object tree;
        try {
            tree = MsgPack.decode(msgpack);
        } catch (ProtocolException e) {
            throw new Unsupported("filter expression is not valid msgpack: " + e.getMessage());
        }
        Node root = node(tree);
        if (root.type() != T_BOOL) {
            throw new Unsupported("filter expression must be boolean, got type " + root.type());
        }
        return new FilterExpression(root);
    }

    /** True when the record passes; false when it is filtered out (including "unknown"). */
    boolean matches(StoredRecord record, long nowMillis) {
        return Boolean.TRUE.equals(root.eval(new Context(record, nowMillis)));
    }

    private static Node node(Object v) {
        if (v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return constant(v, v instanceof Long ? T_INT : v instanceof Double ? T_FLOAT : T_BOOL);
        }
        if (v instanceof MsgPack.Bytes bytes) {
            byte[] raw = bytes.raw();
            if (raw.length > 0 && raw[0] == Particle.STRING) {
                return constant(bytes.particleString(), T_STRING);
            }
            if (raw.length > 0 && raw[0] == Particle.BLOB) {
                return constant(new MsgPack.Bytes(Arrays.copyOfRange(raw, 1, raw.length)), T_BLOB);
            }
            throw new Unsupported("unsupported literal of particle type " + (raw.length > 0 ? raw[0] : -1));
        }
        if (v instanceof List<?> call && !call.isEmpty() && call.get(0) instanceof Long opcode) {
            return call(opcode.intValue(), call.subList(1, call.size()));
        }
        throw new Unsupported("unsupported expression element " + v);
    }

    private static Node call(int opcode, List<?> args) {
        switch (opcode) {
            case EQ: case NE: case GT: case GE: case LT: case LE:
                return comparison(opcode, args);
            case AND: case OR:
                return logical(opcode == AND, args);
            case NOT:
                return not(args);
            case BIN:
                return bin(args);
            case BIN_TYPE:
                return binType(args);
            case TTL:
                return metadata(T_INT, ctx -> ctx.record().ttlSeconds(ctx.nowMillis()));
            case VOID_TIME:
                return metadata(T_INT, ctx -> ctx.record().voidTime() == 0 ? -1L
                    : (ctx.record().voidTime() + StoredRecord.CITRUSLEAF_EPOCH_SECONDS) * 1_000_000_000L);
            case LAST_UPDATE:
                return metadata(T_INT, ctx -> ctx.record().lastUpdateMillis() * 1_000_000L);
            case SINCE_UPDATE:
                return metadata(T_INT, ctx -> ctx.nowMillis() - ctx.record().lastUpdateMillis());
            case KEY_EXISTS:
                return metadata(T_BOOL, ctx -> ctx.record().userKey() != null);
            default:
                throw new Unsupported("expression opcode " + opcode + " is not supported by this test server");
        }
    }

    private static Node constant(Object value, int type) {
        return new Node() {
            public int type() {
                return type;
            }

            public Object eval(Context ctx) {
                return value;
            }
        };
    }

    private static Node metadata(int type, java.util.function.Function<Context, Object> read) {
        return new Node() {
            public int type() {
                return type;
            }

            public Object eval(Context ctx) {
                return read.apply(ctx);
            }
        };
    }

    private static Node comparison(int opcode, List<?> args) {
        expectArgs(opcode, args, 2);
        Node left = node(args.get(0));
        Node right = node(args.get(1));
        if (left.type() != right.type()) {
            throw new Unsupported("comparison " + opcode + " of type " + left.type() + " with type " + right.type());
        }
        if ((left.type() == T_BOOL || left.type() == T_BLOB) && opcode != EQ && opcode != NE) {
            throw new Unsupported("comparison " + opcode + " is not defined on type " + left.type());
        }
        return metadata(T_BOOL, ctx -> {
            Object a = left.eval(ctx);
            Object b = right.eval(ctx);
            if (a == UNKNOWN || b == UNKNOWN) {
                return UNKNOWN;
            }
            int c = compare(a, b);
            switch (opcode) {
                case EQ: return c == 0;
                case NE: return c != 0;
                case GT: return c > 0;
                case GE: return c >= 0;
                case LT: return c < 0;
                default: return c <= 0;
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object a, Object b) {
        if (a instanceof MsgPack.Bytes x && b instanceof MsgPack.Bytes y) {
            return Arrays.compareUnsigned(x.raw(), y.raw());
        }
        return ((Comparable<Object>) a).compareTo(b);
    }

    private static Node logical(boolean isAnd, List<?> args) {
        if (args.isEmpty()) {
            throw new Unsupported((isAnd ? "and" : "or") + " needs at least one operand");
        }
        List<Node> operands = new ArrayList<>();
        for (Object arg : args) {
            operands.add(boolOperand(arg));
        }
        return metadata(T_BOOL, ctx -> {
            boolean sawUnknown = false;
            for (Node operand : operands) {
                Object v = operand.eval(ctx);
                if (v == UNKNOWN) {
                    sawUnknown = true;
                } else if ((Boolean) v != isAnd) {
                    return !isAnd;
                }
            }
            return sawUnknown ? UNKNOWN : isAnd;
        });
    }

    private static Node not(List<?> args) {
        expectArgs(NOT, args, 1);
        Node operand = boolOperand(args.get(0));
        return metadata(T_BOOL, ctx -> {
            Object v = operand.eval(ctx);
            return v == UNKNOWN ? UNKNOWN : !(Boolean) v;
        });
    }

    private static Node boolOperand(Object arg) {
        Node n = node(arg);
        if (n.type() != T_BOOL) {
            throw new Unsupported("logical operand must be boolean, got type " + n.type());
        }
        return n;
    }

    private static Node bin(List<?> args) {
        if (args.size() != 2 || !(args.get(0) instanceof Long type) || !(args.get(1) instanceof MsgPack.Bytes name)) {
            throw new Unsupported("bin expression needs [type, name], got " + args);
        }
        int expType = type.intValue();
        int particleType = particleTypeOf(expType);
        String binName = name.plainString();
        return metadata(expType, ctx -> {
            Particle p = ctx.record().bins().get(binName);
            if (p == null || p.type() != particleType) {
                return UNKNOWN;
            }
            switch (particleType) {
                case Particle.INTEGER: return p.asLong();
                case Particle.DOUBLE: return p.asDouble();
                case Particle.STRING: return p.asString();
                case Particle.BOOL: return p.asBool();
                default: return new MsgPack.Bytes(p.bytes());
            }
        });
    }

    private static int particleTypeOf(int expType) {
        switch (expType) {
            case T_INT: return Particle.INTEGER;
            case T_FLOAT: return Particle.DOUBLE;
            case T_STRING: return Particle.STRING;
            case T_BOOL: return Particle.BOOL;
            case T_BLOB: return Particle.BLOB;
            default: throw new Unsupported("bin expressions of type " + expType + " are not supported");
        }
    }

    private static Node binType(List<?> args) {
        if (args.size() != 1 || !(args.get(0) instanceof MsgPack.Bytes name)) {
            throw new Unsupported("bin type expression needs [name], got " + args);
        }
        String binName = name.plainString();
        return metadata(T_INT, ctx -> {
            Particle p = ctx.record().bins().get(binName);
            return p == null ? 0L : (long) p.type();
        });
    }

    private static void expectArgs(int opcode, List<?> args, int n) {
        if (args.size() != n) {
            throw new Unsupported("expression opcode " + opcode + " takes " + n + " operands, got " + args.size());
        }
    }
}
