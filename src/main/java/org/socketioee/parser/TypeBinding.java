package org.socketioee.parser;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How one Java type is read from a JSON value, strictly: the value's JSON type must fit (numbers are not strings,
 * arrays are not scalars, fractions are not integers, integers must be in range), or an
 * {@link ArgumentBindException} names the place and the expectation. Computed once per type by
 * {@link ArgumentBinder#plan(Type)} and then shared; the nodes below form the plan of a type's whole structure.
 */
public abstract class TypeBinding {
    TypeBinding() {
    }

    /** What this binding expects, in JSON's terms ("a string", "an array"), for error messages. */
    abstract String expected();

    /**
     * @param value absent ({@code null}) or a JSON value, placeholders standing for attachments
     * @param path  where the value is, for messages ("text", "author.name", "tags[2]"; empty at the top)
     */
    abstract Object bind(JsonValue value, Context ctx, String path);

    /** Binds the top-level value, named {@code label} in messages when it is itself refused ("argument 1"). */
    Object bindTop(SocketPacket packet, JsonValue value, String label) {
        return bind(value, new Context(packet, label), "");
    }

    /** The packet being bound (for its attachments) and the name of the top-level value. */
    record Context(SocketPacket packet, String label) {
        String name(String path) {
            return path.isEmpty() ? label : path;
        }
    }

    ArgumentBindException refused(JsonValue value, Context ctx, String path) {
        return new ArgumentBindException(ctx.name(path) + ": expected " + expected() + ", got " + describe(value, ctx));
    }

    static String describe(JsonValue v, Context ctx) {
        if (v == null) {
            return "nothing";
        }
        return switch (v.getValueType()) {
            case STRING -> "a string";
            case NUMBER -> ((JsonNumber) v).isIntegral() ? "a number" : "a fraction";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> ctx.packet().attachment(v) != null ? "binary data" : "an object";
        };
    }

    static String child(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static boolean isNull(JsonValue v) {
        return v == null || v == JsonValue.NULL;
    }

    // ---- leaves --------------------------------------------------------------------------------------------

    /** Any JSON as plain Java values (Map, List, String, Integer/Long/Double, Boolean, null, byte[]): as Node. */
    static final class AnyValue extends TypeBinding {
        @Override
        String expected() {
            return "any value";
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            return v == null ? null : ctx.packet().toJava(v);
        }
    }

    /** {@code JsonValue} or one of its kinds, as received (placeholders left in place). */
    static final class Json extends TypeBinding {
        private final Class<?> kind;
        private final String expected;

        Json(Class<?> kind, String expected) {
            this.kind = kind;
            this.expected = expected;
        }

        @Override
        String expected() {
            return expected;
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            if (v == null || kind == JsonValue.class) {
                return v;
            }
            if (v == JsonValue.NULL) {
                return null;
            }
            if (!kind.isInstance(v)) {
                throw refused(v, ctx, path);
            }
            return v;
        }
    }

    static final class Text extends TypeBinding {
        private final boolean singleChar;

        Text(boolean singleChar) {
            this.singleChar = singleChar;
        }

        @Override
        String expected() {
            return singleChar ? "a one-character string" : "a string";
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            if (isNull(v)) {
                return null; // a char is wrapped in Primitive, which refuses null first
            }
            if (v instanceof JsonString s) {
                if (!singleChar) {
                    return s.getString();
                }
                if (s.getString().length() == 1) {
                    return s.getString().charAt(0);
                }
            }
            throw refused(v, ctx, path);
        }
    }

    static final class Bool extends TypeBinding {
        @Override
        String expected() {
            return "a boolean";
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            if (v == JsonValue.TRUE) {
                return Boolean.TRUE;
            }
            if (v == JsonValue.FALSE) {
                return Boolean.FALSE;
            }
            if (isNull(v)) {
                return null;
            }
            throw refused(v, ctx, path);
        }
    }

    /** byte/short/int/long and their boxes, BigInteger: integral numbers in range ({@code 2.0} is integral). */
    static final class Integral extends TypeBinding {
        private final BigInteger min;
        private final BigInteger max;
        private final Class<?> box;

        Integral(Class<?> box, long min, long max) {
            this.box = box;
            this.min = box == BigInteger.class ? null : BigInteger.valueOf(min);
            this.max = box == BigInteger.class ? null : BigInteger.valueOf(max);
        }

        @Override
        String expected() {
            return "an integer";
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            if (isNull(v)) {
                return null;
            }
            if (!(v instanceof JsonNumber n)) {
                throw refused(v, ctx, path);
            }
            BigInteger i;
            try {
                i = n.bigDecimalValue().toBigIntegerExact();
            } catch (ArithmeticException fraction) {
                throw new ArgumentBindException(ctx.name(path) + ": expected an integer, got a fraction");
            }
            if (min != null && (i.compareTo(min) < 0 || i.compareTo(max) > 0)) {
                throw new ArgumentBindException(ctx.name(path) + ": expected an integer from " + min + " to " + max
                        + ", got " + i);
            }
            if (box == Long.class) {
                return i.longValue();
            } else if (box == Integer.class) {
                return i.intValue();
            } else if (box == Short.class) {
                return i.shortValue();
            } else if (box == Byte.class) {
                return i.byteValue();
            }
            return i;
        }
    }

    /** float/double and their boxes, BigDecimal, Number (any number; Number as Node sees it: Integer/Long/Double). */
    static final class Decimal extends TypeBinding {
        private final Class<?> box;

        Decimal(Class<?> box) {
            this.box = box;
        }

        @Override
        String expected() {
            return "a number";
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            if (isNull(v)) {
                return null;
            }
            if (!(v instanceof JsonNumber n)) {
                throw refused(v, ctx, path);
            }
            BigDecimal d = n.bigDecimalValue();
            if (box == BigDecimal.class) {
                return d;
            }
            if (box == Number.class) {
                return JavaTree.number(d);
            }
            double x = d.doubleValue();
            if (Double.isInfinite(x) || (box == Float.class && Float.isInfinite((float) x))) {
                throw new ArgumentBindException(ctx.name(path) + ": expected a number, got one out of range");
            }
            return box == Float.class ? (Object) (float) x : (Object) x;
        }
    }

    static final class EnumConstant extends TypeBinding {
        private final Map<String, Object> constants;

        EnumConstant(Map<String, Object> constants) {
            this.constants = constants;
        }

        @Override
        String expected() {
            return "one of " + String.join(", ", constants.keySet().stream().map(k -> '"' + k + '"').toList());
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            if (isNull(v)) {
                return null;
            }
            if (v instanceof JsonString s && constants.containsKey(s.getString())) {
                return constants.get(s.getString());
            }
            throw v instanceof JsonString ? new ArgumentBindException(ctx.name(path) + ": expected " + expected())
                    : refused(v, ctx, path);
        }
    }

    /** byte[] or ByteBuffer: an attachment (placeholder), or base64 text as JSON-B writes binary. */
    static final class Binary extends TypeBinding {
        private final boolean buffer;

        Binary(boolean buffer) {
            this.buffer = buffer;
        }

        @Override
        String expected() {
            return "binary data";
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            if (isNull(v)) {
                return null;
            }
            byte[] b = ctx.packet().attachment(v);
            if (b == null && v instanceof JsonString s) {
                try {
                    b = Base64.getDecoder().decode(s.getString());
                } catch (IllegalArgumentException notBase64) {
                    throw new ArgumentBindException(ctx.name(path) + ": expected binary data, got a string");
                }
            }
            if (b == null) {
                throw refused(v, ctx, path);
            }
            return buffer ? ByteBuffer.wrap(b).asReadOnlyBuffer() : b;
        }
    }

    /** {@code Optional<T>}: empty for null or absent. */
    static final class Optionally extends TypeBinding {
        private final TypeBinding element;

        Optionally(TypeBinding element) {
            this.element = element;
        }

        @Override
        String expected() {
            return element.expected();
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            return isNull(v) ? Optional.empty() : Optional.ofNullable(element.bind(v, ctx, path));
        }
    }

    /** A primitive: null and absence are refused. */
    static final class Primitive extends TypeBinding {
        private final TypeBinding boxed;

        Primitive(TypeBinding boxed) {
            this.boxed = boxed;
        }

        @Override
        String expected() {
            return boxed.expected();
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            if (isNull(v)) {
                throw refused(v, ctx, path);
            }
            return boxed.bind(v, ctx, path);
        }
    }

    // ---- containers ----------------------------------------------------------------------------------------

    /** A collection or an array: a JSON array, each element bound by {@code element}. */
    static final class Sequence extends TypeBinding {
        private final TypeBinding element;
        private final Supplier<Collection<Object>> collection; // null: an array of componentType
        private final Class<?> componentType;

        Sequence(TypeBinding element, Supplier<Collection<Object>> collection, Class<?> componentType) {
            this.element = element;
            this.collection = collection;
            this.componentType = componentType;
        }

        @Override
        String expected() {
            return "an array";
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            if (isNull(v)) {
                return null;
            }
            if (!(v instanceof JsonArray a)) {
                throw refused(v, ctx, path);
            }
            if (collection == null) {
                Object array = Array.newInstance(componentType, a.size());
                for (int i = 0; i < a.size(); i++) {
                    Array.set(array, i, element.bind(a.get(i), ctx, ctx.name(path) + "[" + i + "]"));
                }
                return array;
            }
            Collection<Object> out = collection.get();
            for (int i = 0; i < a.size(); i++) {
                out.add(element.bind(a.get(i), ctx, ctx.name(path) + "[" + i + "]"));
            }
            return out;
        }
    }

    /** A map with string keys: a JSON object, each value bound by {@code value}. */
    static final class StringMap extends TypeBinding {
        private final TypeBinding value;
        private final Supplier<Map<String, Object>> map;

        StringMap(TypeBinding value, Supplier<Map<String, Object>> map) {
            this.value = value;
            this.map = map;
        }

        @Override
        String expected() {
            return "an object";
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            if (isNull(v)) {
                return null;
            }
            if (!(v instanceof JsonObject o) || ctx.packet().attachment(v) != null) {
                throw refused(v, ctx, path);
            }
            Map<String, Object> out = map.get();
            for (Map.Entry<String, JsonValue> e : o.entrySet()) {
                out.put(e.getKey(), value.bind(e.getValue(), ctx, child(path, e.getKey())));
            }
            return out;
        }
    }

    /** One property of a record or bean: its JSON name and binding. */
    record Property(String name, TypeBinding binding) {
    }

    /** A record without JSON-B customization: built through its canonical constructor; missing components null. */
    static final class RecordValue extends TypeBinding {
        private final List<Property> components;
        private final Constructor<?> constructor;

        RecordValue(List<Property> components, Constructor<?> constructor) {
            this.components = components;
            this.constructor = constructor;
        }

        @Override
        String expected() {
            return "an object";
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            if (isNull(v)) {
                return null;
            }
            if (!(v instanceof JsonObject o) || ctx.packet().attachment(v) != null) {
                throw refused(v, ctx, path);
            }
            Object[] args = new Object[components.size()];
            for (int i = 0; i < args.length; i++) {
                Property c = components.get(i);
                args[i] = c.binding().bind(o.get(c.name()), ctx, child(path, c.name()));
            }
            try {
                return constructor.newInstance(args);
            } catch (InvocationTargetException e) {
                // the record refused the values itself: the application's own error, not the client's
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A bean, or a record with JSON-B annotations: each known property is checked, then JSON-B builds the object
     * (so {@code @JsonbCreator}, adapters and formats apply). Unknown properties are ignored, as JSON-B does.
     */
    static final class Checked extends TypeBinding {
        private final List<Property> properties;
        private final Type type;

        Checked(List<Property> properties, Type type) {
            this.properties = properties;
            this.type = type;
        }

        @Override
        String expected() {
            return "an object";
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            if (isNull(v)) {
                return null;
            }
            if (!(v instanceof JsonObject o) || ctx.packet().attachment(v) != null) {
                throw refused(v, ctx, path);
            }
            for (Property p : properties) {
                JsonValue field = o.get(p.name());
                if (field != null) {
                    p.binding().bind(field, ctx, child(path, p.name()));
                }
            }
            return ArgumentBinder.withJsonb(v, ctx, path, type, expected());
        }
    }

    /** A type JSON-B reads by itself (dates, UUID, URI …): whatever JSON-B accepts, else refused. */
    static final class ByJsonb extends TypeBinding {
        private final Type type;
        private final String expected;

        ByJsonb(Type type, String expected) {
            this.type = type;
            this.expected = expected;
        }

        @Override
        String expected() {
            return expected;
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            if (isNull(v)) {
                return null;
            }
            return ArgumentBinder.withJsonb(v, ctx, path, type, expected);
        }
    }

    /** Stands for a type whose plan is being built (a recursive record); set once that plan is done. */
    static final class Deferred extends TypeBinding {
        TypeBinding target;

        @Override
        String expected() {
            return target.expected();
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            return target.bind(v, ctx, path);
        }
    }
}
