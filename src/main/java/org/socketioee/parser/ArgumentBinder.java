package org.socketioee.parser;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.json.bind.config.BinaryDataStrategy;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Binds event arguments to Java types, strictly: a value whose JSON type does not fit is refused with an
 * {@link ArgumentBindException} before anything is converted. Records, lists, sets, arrays, maps with string
 * keys, enums, scalars, {@code Optional} and {@code Object} (plain Java values, as Node sees them: integers stay
 * integers) are built here; beans, records with JSON-B annotations and the types JSON-B knows by itself (dates,
 * UUID …) are checked here, then built by JSON-B (Yasson). Binary placeholders are resolved at any depth:
 * a {@code byte[]} field receives the attachment the placeholder stands for. Shared by the server and the client.
 * <p>
 * The plan of a type is computed once ({@link #plan(Type)}) and cached.
 */
public final class ArgumentBinder {
    // placeholders become base64 strings, which this JSON-B instance reads back as byte[]
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .withBinaryDataStrategy(BinaryDataStrategy.BASE_64));
    private static final Map<Type, TypeBinding> PLANS = new ConcurrentHashMap<>();

    private ArgumentBinder() {
    }

    /** {@code value} of {@code packet} (null when absent) bound to {@code type}, named {@code label} in errors. */
    public static Object bind(SocketPacket packet, JsonValue value, Type type, String label) {
        return bind(packet, value, plan(type), label);
    }

    /** As {@link #bind(SocketPacket, JsonValue, Type, String)} with a plan computed beforehand. */
    public static Object bind(SocketPacket packet, JsonValue value, TypeBinding plan, String label) {
        return plan.bindTop(packet, value, label);
    }

    /** The binding plan of {@code type}, computed on first use. */
    public static TypeBinding plan(Type type) {
        TypeBinding b = PLANS.get(type);
        return b != null ? b : new Planner().plan(type);
    }

    /** Builds with JSON-B a value already checked (or of a type JSON-B alone knows); its failure is a refusal. */
    static Object withJsonb(JsonValue value, TypeBinding.Context ctx, String path, Type type, String expected) {
        JsonValue resolved = ctx.packet().attachments().isEmpty() ? value : resolve(ctx.packet(), value);
        try {
            return JSONB.fromJson(resolved.toString(), type);
        } catch (JsonbException e) {
            throw new ArgumentBindException(ctx.name(path) + ": expected " + expected + ", got "
                    + TypeBinding.describe(value, ctx));
        }
    }

    private static JsonValue resolve(SocketPacket packet, JsonValue v) {
        byte[] b = packet.attachment(v);
        if (b != null) {
            return Json.createValue(Base64.getEncoder().encodeToString(b));
        }
        if (v instanceof JsonObject o) {
            JsonObjectBuilder ob = Json.createObjectBuilder();
            for (Map.Entry<String, JsonValue> e : o.entrySet()) {
                ob.add(e.getKey(), resolve(packet, e.getValue()));
            }
            return ob.build();
        }
        if (v instanceof JsonArray a) {
            JsonArrayBuilder ab = Json.createArrayBuilder();
            for (JsonValue e : a) {
                ab.add(resolve(packet, e));
            }
            return ab.build();
        }
        return v;
    }

    /** Computes the plan of one type and of the types within it; a type met again while in progress is deferred. */
    private static final class Planner {
        private final Map<Type, TypeBinding.Deferred> inProgress = new HashMap<>();

        private final Map<Type, TypeBinding> built = new HashMap<>(); // published together, once complete

        TypeBinding plan(Type type) {
            TypeBinding known = PLANS.get(type);
            if (known == null) {
                known = built.get(type);
            }
            if (known == null) {
                known = inProgress.get(type);
            }
            if (known != null) {
                return known;
            }
            TypeBinding.Deferred deferred = new TypeBinding.Deferred();
            inProgress.put(type, deferred);
            TypeBinding b = build(type);
            deferred.target = b;
            inProgress.remove(type);
            built.put(type, b);
            if (inProgress.isEmpty()) { // every deferred binding is resolved now
                built.forEach(PLANS::putIfAbsent);
            }
            return b;
        }

        private TypeBinding build(Type type) {
            if (type instanceof Class<?> c) {
                return ofClass(c);
            }
            if (type instanceof ParameterizedType p) {
                Class<?> raw = (Class<?>) p.getRawType();
                Type[] args = p.getActualTypeArguments();
                if (raw == Optional.class) {
                    return new TypeBinding.Optionally(plan(args[0]));
                }
                if (Iterable.class.isAssignableFrom(raw)) {
                    Supplier<Collection<Object>> c = collection(raw);
                    if (c != null) {
                        return new TypeBinding.Sequence(plan(args[0]), c, null);
                    }
                }
                if (Map.class.isAssignableFrom(raw)) {
                    Supplier<Map<String, Object>> m = map(raw);
                    if (m != null && (args[0] == String.class || args[0] == Object.class)) {
                        return new TypeBinding.StringMap(plan(args[1]), m);
                    }
                    return new TypeBinding.ByJsonb(type, "an object");
                }
                return plan(raw); // a generic record or bean: its type variables bind as Object
            }
            if (type instanceof GenericArrayType g) {
                Type component = g.getGenericComponentType();
                return new TypeBinding.Sequence(plan(component), null, erasure(component));
            }
            if (type instanceof WildcardType w) {
                return plan(w.getUpperBounds()[0]);
            }
            if (type instanceof TypeVariable<?> v) {
                return plan(v.getBounds()[0]);
            }
            throw new IllegalArgumentException("unsupported type " + type);
        }

        private TypeBinding ofClass(Class<?> c) {
            if (c == Object.class) {
                return new TypeBinding.AnyValue();
            }
            if (JsonValue.class.isAssignableFrom(c)) {
                return new TypeBinding.Json(c, c == JsonObject.class ? "an object" : c == JsonArray.class ? "an array"
                        : c == JsonString.class ? "a string" : c == JsonNumber.class ? "a number" : "any value");
            }
            if (c == String.class || c == CharSequence.class) {
                return new TypeBinding.Text(false);
            }
            if (c == Character.class) {
                return new TypeBinding.Text(true);
            }
            if (c == Boolean.class) {
                return new TypeBinding.Bool();
            }
            if (c == Integer.class) {
                return new TypeBinding.Integral(Integer.class, Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
            if (c == Long.class) {
                return new TypeBinding.Integral(Long.class, Long.MIN_VALUE, Long.MAX_VALUE);
            }
            if (c == Short.class) {
                return new TypeBinding.Integral(Short.class, Short.MIN_VALUE, Short.MAX_VALUE);
            }
            if (c == Byte.class) {
                return new TypeBinding.Integral(Byte.class, Byte.MIN_VALUE, Byte.MAX_VALUE);
            }
            if (c == BigInteger.class) {
                return new TypeBinding.Integral(BigInteger.class, 0, 0);
            }
            if (c == Double.class || c == Float.class || c == BigDecimal.class || c == Number.class) {
                return new TypeBinding.Decimal(c);
            }
            if (c.isPrimitive()) {
                return new TypeBinding.Primitive(c == char.class ? new TypeBinding.Text(true) : plan(box(c)));
            }
            if (c == byte[].class || c == ByteBuffer.class) {
                return new TypeBinding.Binary(c == ByteBuffer.class);
            }
            if (c.isArray()) {
                return new TypeBinding.Sequence(plan(c.getComponentType()), null, c.getComponentType());
            }
            if (c.isEnum()) {
                Map<String, Object> constants = new LinkedHashMap<>();
                for (Object k : c.getEnumConstants()) {
                    constants.put(((Enum<?>) k).name(), k);
                }
                return new TypeBinding.EnumConstant(constants);
            }
            if (c == Optional.class) {
                return new TypeBinding.Optionally(plan(Object.class));
            }
            if (Iterable.class.isAssignableFrom(c) && collection(c) != null) {
                return new TypeBinding.Sequence(plan(Object.class), collection(c), null);
            }
            if (Map.class.isAssignableFrom(c) && map(c) != null) {
                return new TypeBinding.StringMap(plan(Object.class), map(c));
            }
            String pkg = c.getPackageName();
            if (pkg.startsWith("java.") || pkg.startsWith("javax.") || pkg.startsWith("jakarta.")
                    || c.isInterface() || Modifier.isAbstract(c.getModifiers())) {
                return new TypeBinding.ByJsonb(c, "a valid " + c.getSimpleName());
            }
            if (c.isRecord()) {
                return record(c);
            }
            return new TypeBinding.Checked(beanProperties(c), c);
        }

        private TypeBinding record(Class<?> c) {
            RecordComponent[] rc = c.getRecordComponents();
            List<TypeBinding.Property> components = new ArrayList<>();
            Class<?>[] types = new Class<?>[rc.length];
            boolean customized = hasJsonbAnnotation(c, JsonbProperty.class);
            for (int i = 0; i < rc.length; i++) {
                types[i] = rc[i].getType();
                Field f = field(c, rc[i].getName());
                customized |= hasJsonbAnnotation(f, JsonbProperty.class)
                        || hasJsonbAnnotation(rc[i].getAccessor(), JsonbProperty.class);
                components.add(new TypeBinding.Property(jsonName(rc[i].getName(), f, rc[i].getAccessor()),
                        plan(rc[i].getGenericType())));
            }
            try {
                Constructor<?> canonical = c.getDeclaredConstructor(types);
                for (Constructor<?> k : c.getDeclaredConstructors()) {
                    customized |= hasJsonbAnnotation(k, JsonbProperty.class); // e.g. @JsonbCreator
                }
                if (customized) {
                    return new TypeBinding.Checked(components, c);
                }
                canonical.setAccessible(true);
                return new TypeBinding.RecordValue(components, canonical);
            } catch (NoSuchMethodException | RuntimeException inaccessible) {
                return new TypeBinding.Checked(components, c);
            }
        }

        /** A bean's writable properties as JSON-B sees them: public fields and fields with a public setter. */
        private List<TypeBinding.Property> beanProperties(Class<?> c) {
            List<TypeBinding.Property> out = new ArrayList<>();
            Set<String> seen = new LinkedHashSet<>();
            for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
                for (Field f : k.getDeclaredFields()) {
                    int mod = f.getModifiers();
                    if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || !seen.add(f.getName())) {
                        continue;
                    }
                    Method setter = setter(c, f);
                    if (f.isAnnotationPresent(JsonbTransient.class)
                            || (setter != null && setter.isAnnotationPresent(JsonbTransient.class))) {
                        continue;
                    }
                    Type type = setter != null ? setter.getGenericParameterTypes()[0]
                            : Modifier.isPublic(mod) ? f.getGenericType() : null;
                    if (type != null) {
                        out.add(new TypeBinding.Property(jsonName(f.getName(), f, setter), plan(type)));
                    }
                }
            }
            return out;
        }

        private static Method setter(Class<?> c, Field f) {
            String name = "set" + Character.toUpperCase(f.getName().charAt(0)) + f.getName().substring(1);
            for (Method m : c.getMethods()) {
                if (m.getName().equals(name) && m.getParameterCount() == 1 && !Modifier.isStatic(m.getModifiers())) {
                    return m;
                }
            }
            return null;
        }

        private static Field field(Class<?> c, String name) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                return null;
            }
        }

        private static String jsonName(String javaName, AnnotatedElement... where) {
            for (AnnotatedElement e : where) {
                JsonbProperty p = e == null ? null : e.getAnnotation(JsonbProperty.class);
                if (p != null && !p.value().isEmpty()) {
                    return p.value();
                }
            }
            return javaName;
        }

        /** Whether {@code e} (or its parameters) carries a JSON-B annotation other than {@code except}. */
        private static boolean hasJsonbAnnotation(AnnotatedElement e, Class<? extends Annotation> except) {
            if (e == null) {
                return false;
            }
            List<Annotation> all = new ArrayList<>(List.of(e.getAnnotations()));
            if (e instanceof java.lang.reflect.Executable x) {
                for (Annotation[] p : x.getParameterAnnotations()) {
                    all.addAll(List.of(p));
                }
            }
            for (Annotation a : all) {
                if (a.annotationType().getPackageName().equals("jakarta.json.bind.annotation")
                        && a.annotationType() != except) {
                    return true;
                }
            }
            return false;
        }

        private static Supplier<Collection<Object>> collection(Class<?> raw) {
            if (raw.isAssignableFrom(ArrayList.class)) {
                return ArrayList::new; // List, Collection, Iterable
            }
            if (raw.isAssignableFrom(LinkedHashSet.class)) {
                return LinkedHashSet::new;
            }
            if (raw == SortedSet.class || raw == NavigableSet.class || raw == TreeSet.class) {
                return TreeSet::new;
            }
            if (raw.isAssignableFrom(ArrayDeque.class) && Queue.class.isAssignableFrom(raw)) {
                return ArrayDeque::new;
            }
            return null;
        }

        private static Supplier<Map<String, Object>> map(Class<?> raw) {
            if (raw.isAssignableFrom(LinkedHashMap.class)) {
                return LinkedHashMap::new;
            }
            if (raw == SortedMap.class || raw == NavigableMap.class || raw == TreeMap.class) {
                return TreeMap::new;
            }
            if (raw.isAssignableFrom(ConcurrentHashMap.class)) {
                return ConcurrentHashMap::new;
            }
            return null;
        }

        private static Class<?> box(Class<?> primitive) {
            return switch (primitive.getName()) {
                case "int" -> Integer.class;
                case "long" -> Long.class;
                case "short" -> Short.class;
                case "byte" -> Byte.class;
                case "double" -> Double.class;
                case "float" -> Float.class;
                case "boolean" -> Boolean.class;
                default -> throw new IllegalArgumentException("no binding for " + primitive);
            };
        }

        private static Class<?> erasure(Type t) {
            if (t instanceof Class<?> c) {
                return c;
            }
            if (t instanceof ParameterizedType p) {
                return (Class<?>) p.getRawType();
            }
            if (t instanceof GenericArrayType g) {
                return java.lang.reflect.Array.newInstance(erasure(g.getGenericComponentType()), 0).getClass();
            }
            return Object.class;
        }
    }
}
