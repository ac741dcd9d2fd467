package org.socketioee.parser;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON tree as plain Java values, what a catch-all listener gets: {@code Map<String,Object>} (in document
 * order), {@code List<Object>}, String, Boolean, null, Integer/Long for integers that fit (JavaScript has one
 * number type, so {@code 1.0} is an integer too), Double otherwise; placeholders become their {@code byte[]}.
 */
public final class JavaTree {
    private JavaTree() {
    }

    /** @param attachments the packet's attachments, or null when placeholders have no meaning (non-binary packet) */
    public static Object of(JsonValue value, List<byte[]> attachments) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                JsonObject o = (JsonObject) value;
                if (attachments != null && Placeholders.isPlaceholder(o)) {
                    int i = Placeholders.index(o, attachments.size());
                    if (i >= 0) {
                        yield attachments.get(i);
                    }
                }
                Map<String, Object> map = new LinkedHashMap<>();
                for (Map.Entry<String, JsonValue> e : o.entrySet()) {
                    map.put(e.getKey(), of(e.getValue(), attachments));
                }
                yield map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonValue v : (JsonArray) value) {
                    list.add(of(v, attachments));
                }
                yield list;
            }
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> number(((JsonNumber) value).bigDecimalValue());
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case NULL -> null;
        };
    }

    static Number number(BigDecimal n) {
        if (n.signum() == 0) {
            return 0;
        }
        BigDecimal s = n.stripTrailingZeros();
        if (s.scale() <= 0 && s.precision() - s.scale() <= 19) {
            try {
                long l = s.longValueExact();
                return l == (int) l ? (Number) (int) l : (Number) l;
            } catch (ArithmeticException outOfLongRange) {
                // falls through to double
            }
        }
        return n.doubleValue();
    }
}
