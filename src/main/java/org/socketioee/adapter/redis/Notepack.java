package org.socketioee.adapter.redis;

import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MessagePack as notepack.io (the codec of {@code @socket.io/redis-adapter} and the emitter) writes and reads it,
 * over plain Java values: {@code Map<String,Object>}, {@code List}, String, Boolean, null, numbers, {@code byte[]}.
 * <p>
 * JavaScript has one number type, and notepack writes an integral number as the smallest integer format
 * (positive fixint, uint8-64, negative fixint, int8-64: msgpack-core's {@code packLong} picks the same), any
 * other number as float64. Reading, a float64 with an integral value is an integer again (what JavaScript sees),
 * integers come back as Integer when they fit, else Long. JavaScript leaves keys whose value is undefined out; the
 * callers do so by not putting them in their maps (null is written as nil).
 */
final class Notepack {
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private Notepack() {
    }

    static byte[] encode(Object value) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            write(p, value);
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: does not happen
        }
    }

    private static void write(MessagePacker p, Object v) throws IOException {
        if (v == null) {
            p.packNil();
        } else if (v instanceof String s) {
            p.packString(s);
        } else if (v instanceof Boolean b) {
            p.packBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            p.packLong(((Number) v).longValue());
        } else if (v instanceof Number n) {
            writeNumber(p, n);
        } else if (v instanceof byte[] b) {
            p.packBinaryHeader(b.length);
            p.writePayload(b);
        } else if (v instanceof ByteBuffer bb) {
            byte[] b = new byte[bb.remaining()];
            bb.duplicate().get(b);
            write(p, b);
        } else if (v instanceof Map<?, ?> m) {
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                p.packString(String.valueOf(e.getKey()));
                write(p, e.getValue());
            }
        } else if (v instanceof Collection<?> c) {
            p.packArrayHeader(c.size());
            for (Object o : c) {
                write(p, o);
            }
        } else if (v instanceof Object[] a) {
            write(p, List.of(a));
        } else {
            throw new IllegalArgumentException("no MessagePack form for " + v.getClass().getName());
        }
    }

    /** A number that is not a Java integer type: integral values as integers, as notepack's Math.floor test. */
    private static void writeNumber(MessagePacker p, Number n) throws IOException {
        BigDecimal d;
        if (n instanceof BigDecimal bd) {
            d = bd;
        } else if (n instanceof BigInteger bi) {
            d = new BigDecimal(bi);
        } else {
            double x = n.doubleValue();
            if (Double.isNaN(x) || Double.isInfinite(x) || x != Math.floor(x)) {
                p.packDouble(x);
                return;
            }
            d = BigDecimal.valueOf(x);
        }
        if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
            if (d.compareTo(LONG_MIN) >= 0 && d.compareTo(LONG_MAX) <= 0) {
                p.packLong(d.longValueExact());
                return;
            }
        }
        p.packDouble(d.doubleValue());
    }

    static Object decode(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            return read(u);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed MessagePack: " + e.getMessage(), e);
        }
    }

    private static Object read(MessageUnpacker u) throws IOException {
        MessageFormat f = u.getNextFormat();
        ValueType t = f.getValueType();
        switch (t) {
            case NIL:
                u.unpackNil();
                return null;
            case BOOLEAN:
                return u.unpackBoolean();
            case INTEGER:
                if (f == MessageFormat.UINT64) {
                    BigInteger big = u.unpackBigInteger();
                    return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
                }
                return integer(u.unpackLong());
            case FLOAT: {
                double x = u.unpackDouble();
                // JavaScript reads 2.0 as 2: an integral float is an integer to everyone downstream
                if (x == Math.floor(x) && Math.abs(x) < 0x1p53) {
                    return integer((long) x);
                }
                return x;
            }
            case STRING:
                return u.unpackString();
            case BINARY: {
                int n = u.unpackBinaryHeader();
                return u.readPayload(n);
            }
            case ARRAY: {
                int n = u.unpackArrayHeader();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read(u));
                }
                return list;
            }
            case MAP: {
                int n = u.unpackMapHeader();
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object key = read(u);
                    map.put(String.valueOf(key), read(u));
                }
                return map;
            }
            case EXTENSION: {
                // notepack writes Dates as the timestamp extension; nothing on the Socket.IO path sends them
                u.readPayload(u.unpackExtensionTypeHeader().getLength());
                return null;
            }
            default:
                throw new IllegalArgumentException("unexpected MessagePack type " + t);
        }
    }

    private static Object integer(long l) {
        return l == (int) l ? (Object) (int) l : (Object) l;
    }
}
