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
    private final String expected;

    /** @param expected what this binding expects, in JSON's terms ("a string", "an array"), for messages */
    TypeBinding(String expected) {
        this.expected = expected;
    }

    /** What this binding expects, for error messages. */
    String expected() {
        return expected;
    }

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

    /** A binding for which null and absence mean null; only a present value reaches {@link #bindPresent}. */
    abstract static class Nullable extends TypeBinding {
        Nullable(String expected) {
            super(expected);
        }

        @Override
        final Object bind(JsonValue v, Context ctx, String path) {
            return isNull(v) ? null : bindPresent(v, ctx, path);
        }

        /** @param v neither absent nor JSON null */
        abstract Object bindPresent(JsonValue v, Context ctx, String path);
    }

    /**
     * A nullable binding that takes one kind of JSON value and refuses every other; an attachment placeholder is
     * binary data, never an object.
     */
    abstract static class OfKind<J extends JsonValue> extends Nullable {
        private final Class<J> kind;

        OfKind(Class<J> kind, String expected) {
            super(expected);
            this.kind = kind;
        }

        @Override
        final Object bindPresent(JsonValue v, Context ctx, String path) {
            if (!kind.isInstance(v) || (kind == JsonObject.class && ctx.packet().attachment(v) != null)) {
                throw refused(v, ctx, path);
            }
            return bindKind(kind.cast(v), ctx, path);
        }

        abstract Object bindKind(J v, Context ctx, String path);
    }

    // ---- leaves --------------------------------------------------------------------------------------------

    /** Any JSON as plain Java values (Map, List, String, Integer/Long/Double, Boolean, null, byte[]): as Node. */
    static final class AnyValue extends TypeBinding {
        AnyValue() {
            super("any value");
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            return v == null ? null : ctx.packet().toJava(v);
        }
    }

    /** {@code JsonValue} or one of its kinds, as received (placeholders left in place). */
    static final class Json extends TypeBinding {
        private final Class<?> kind;

        Json(Class<?> kind, String expected) {
            super(expected);
            this.kind = kind;
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

    static final class Text extends OfKind<JsonString> {
        private final boolean singleChar;

        Text(boolean singleChar) {
            super(JsonString.class, singleChar ? "a one-character string" : "a string");
            this.singleChar = singleChar;
        }

        @Override
        Object bindKind(JsonString s, Context ctx, String path) {
            // null binds to null here: a char is wrapped in Primitive, which refuses null first
            if (!singleChar) {
                return s.getString();
            }
            if (s.getString().length() == 1) {
                return s.getString().charAt(0);
            }
            throw refused(s, ctx, path);
        }
    }

    static final class Bool extends Nullable {
        Bool() {
            super("a boolean");
        }

        @Override
        Object bindPresent(JsonValue v, Context ctx, String path) {
            if (v == JsonValue.TRUE) {
                return Boolean.TRUE;
            }
            if (v == JsonValue.FALSE) {
                return Boolean.FALSE;
            }
            throw refused(v, ctx, path);
        }
    }

    /** byte/short/int/long and their boxes, BigInteger: integral numbers in range ({@code 2.0} is integral). */
    static final class Integral extends OfKind<JsonNumber> {
        /** A BigInteger argument's bound: far beyond a double's 309 digits, the largest number JavaScript has. */
        static final int MAX_BIG_INTEGER_DIGITS = 1000;
        private final BigInteger min;
        private final BigInteger max;
        private final Class<?> box;

        Integral(Class<?> box, long min, long max) {
            super(JsonNumber.class, "an integer");
            this.box = box;
            this.min = box == BigInteger.class ? null : BigInteger.valueOf(min);
            this.max = box == BigInteger.class ? null : BigInteger.valueOf(max);
        }

        @Override
        Object bindKind(JsonNumber n, Context ctx, String path) {
            BigDecimal d = n.bigDecimalValue();
            // |d| >= 10^(digits - 1): judged before the BigInteger is made, which for 9E99999999 (a dozen
            // characters) would be 100 million digits and minutes of CPU (found by fuzzing: session/huge-exponent)
            long digits = d.signum() == 0 ? 0 : (long) d.precision() - d.scale();
            if (d.signum() != 0 && digits <= 0) { // below 1: 1E-99999999 would cost as much
                throw new ArgumentBindException(ctx.name(path) + ": expected an integer, got a fraction");
            }
            if (digits > (min == null ? MAX_BIG_INTEGER_DIGITS : 20)) {
                throw new ArgumentBindException(ctx.name(path) + (min == null
                        ? ": expected an integer of at most " + MAX_BIG_INTEGER_DIGITS + " digits, got " + d
                        : ": expected an integer from " + min + " to " + max + ", got " + d));
            }
            BigInteger i;
            try {
                i = d.toBigIntegerExact();
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
    static final class Decimal extends OfKind<JsonNumber> {
        private final Class<?> box;

        Decimal(Class<?> box) {
            super(JsonNumber.class, "a number");
            this.box = box;
        }

        @Override
        Object bindKind(JsonNumber n, Context ctx, String path) {
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

    static final class EnumConstant extends OfKind<JsonString> {
        private final Map<String, Object> constants;

        EnumConstant(Map<String, Object> constants) {
            super(JsonString.class,
                    "one of " + String.join(", ", constants.keySet().stream().map(k -> '"' + k + '"').toList()));
            this.constants = constants;
        }

        @Override
        Object bindKind(JsonString s, Context ctx, String path) {
            if (constants.containsKey(s.getString())) {
                return constants.get(s.getString());
            }
            throw new ArgumentBindException(ctx.name(path) + ": expected " + expected());
        }
    }

    /** byte[] or ByteBuffer: an attachment (placeholder), or base64 text as JSON-B writes binary. */
    static final class Binary extends Nullable {
        private final boolean buffer;

        Binary(boolean buffer) {
            super("binary data");
            this.buffer = buffer;
        }

        @Override
        Object bindPresent(JsonValue v, Context ctx, String path) {
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

    /** A binding around another, expecting what it expects. */
    abstract static class Around extends TypeBinding {
        final TypeBinding inner;

        Around(TypeBinding inner) {
            super(null);
            this.inner = inner;
        }

        @Override
        String expected() {
            return inner.expected();
        }
    }

    /** {@code Optional<T>}: empty for null or absent. */
    static final class Optionally extends Around {
        Optionally(TypeBinding element) {
            super(element);
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            return isNull(v) ? Optional.empty() : Optional.ofNullable(inner.bind(v, ctx, path));
        }
    }

    /** A primitive: null and absence are refused. */
    static final class Primitive extends Around {
        Primitive(TypeBinding boxed) {
            super(boxed);
        }

        @Override
        Object bind(JsonValue v, Context ctx, String path) {
            if (isNull(v)) {
                throw refused(v, ctx, path);
            }
            return inner.bind(v, ctx, path);
        }
    }

    // ---- containers ----------------------------------------------------------------------------------------

    /** A collection or an array: a JSON array, each element bound by {@code element}. */
    static final class Sequence extends OfKind<JsonArray> {
        private final TypeBinding element;
        private final Supplier<Collection<Object>> collection; // null: an array of componentType
        private final Class<?> componentType;

        Sequence(TypeBinding element, Supplier<Collection<Object>> collection, Class<?> componentType) {
            super(JsonArray.class, "an array");
            this.element = element;
            this.collection = collection;
            this.componentType = componentType;
        }

        @Override
        Object bindKind(JsonArray a, Context ctx, String path) {
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
    static final class StringMap extends OfKind<JsonObject> {
        private final TypeBinding value;
        private final Supplier<Map<String, Object>> map;

        StringMap(TypeBinding value, Supplier<Map<String, Object>> map) {
            super(JsonObject.class, "an object");
            this.value = value;
            this.map = map;
        }

        @Override
        Object bindKind(JsonObject o, Context ctx, String path) {
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
    static final class RecordValue extends OfKind<JsonObject> {
        private final List<Property> components;
        private final Constructor<?> constructor;

        RecordValue(List<Property> components, Constructor<?> constructor) {
            super(JsonObject.class, "an object");
            this.components = components;
            this.constructor = constructor;
        }

        @Override
        Object bindKind(JsonObject o, Context ctx, String path) {
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
    static final class Checked extends OfKind<JsonObject> {
        private final List<Property> properties;
        private final Type type;

        Checked(List<Property> properties, Type type) {
            super(JsonObject.class, "an object");
            this.properties = properties;
            this.type = type;
        }

        @Override
        Object bindKind(JsonObject o, Context ctx, String path) {
            for (Property p : properties) {
                JsonValue field = o.get(p.name());
                if (field != null) {
                    p.binding().bind(field, ctx, child(path, p.name()));
                }
            }
            return ArgumentBinder.withJsonb(o, ctx, path, type, expected());
        }
    }

    /** A type JSON-B reads by itself (dates, UUID, URI …): whatever JSON-B accepts, else refused. */
    static final class ByJsonb extends Nullable {
        private final Type type;

        ByJsonb(Type type, String expected) {
            super(expected);
            this.type = type;
        }

        @Override
        Object bindPresent(JsonValue v, Context ctx, String path) {
            return ArgumentBinder.withJsonb(v, ctx, path, type, expected());
        }
    }

    /** Stands for a type whose plan is being built (a recursive record); set once that plan is done. */
    static final class Deferred extends TypeBinding {
        TypeBinding target;

        Deferred() {
            super(null);
        }

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
