package dev.dugout.testing.aerospike;

/** The arithmetic write operations: add (integer or float increment) and append/prepend (strings, blobs). */
final class BinArithmetic {
    private BinArithmetic() {
    }

    static Particle add(Particle current, Particle delta) {
        if (delta.type() != Particle.INTEGER && delta.type() != Particle.DOUBLE) {
            throw new CommandFailure(ResultCodes.PARAMETER_ERROR, "add needs an integer or float, got particle type "
                + delta.type());
        }
        if (current == null) {
            return delta;
        }
        if (current.type() != delta.type()) {
            throw new CommandFailure(ResultCodes.BIN_TYPE_ERROR, "add of particle type " + delta.type()
                + " to a bin of type " + current.type());
        }
        return delta.type() == Particle.INTEGER
            ? Particle.ofLong(current.asLong() + delta.asLong())
            : Particle.ofDouble(current.asDouble() + delta.asDouble());
    }

    static Particle concat(Particle current, Particle part, boolean append) {
        if (part.type() != Particle.STRING && part.type() != Particle.BLOB) {
            throw new CommandFailure(ResultCodes.PARAMETER_ERROR, "append/prepend needs a string or blob");
        }
        if (current == null) {
            return part;
        }
        if (current.type() != part.type()) {
            throw new CommandFailure(ResultCodes.BIN_TYPE_ERROR, "append/prepend of particle type " + part.type()
                + " to a bin of type " + current.type());
        }
        byte[] first = append ? current.bytes() : part.bytes();
        byte[] second = append ? part.bytes() : current.bytes();
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return new Particle(current.type(), joined);
    }
}
