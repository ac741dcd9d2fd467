package org.socketioee.parser;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.Map;

/**
 * JSON text in and out, the way JavaScript's {@code JSON.parse}/{@code JSON.stringify} do it, so that our frames
 * are byte for byte those of socket.io-parser and the same tree always gives the same text.
 * <p>
 * Parsing is strict JSON (Parsson, with its nesting and number-size limits); writing is our own because JSON-P
 * writers differ from {@code JSON.stringify} on numbers ({@code 1.0E+2} vs {@code 100}) and lone surrogates.
 */
final class JsonText {
    /** Looked up once: {@code Json.createXxx} runs a ServiceLoader lookup on every call. */
    static final JsonProvider JSON = JsonProvider.provider();
    private static final JsonParserFactory PARSERS = JSON.createParserFactory(Map.of());
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final BigDecimal MAX_PLAIN = BigDecimal.TEN.pow(21);

    private JsonText() {
    }

    /** Parses one complete JSON value; anything after it but whitespace is an error, as in {@code JSON.parse}. */
    static JsonValue parse(String text) throws SocketParseException {
        try (JsonParser parser = PARSERS.createParser(new StringReader(text))) {
            if (!parser.hasNext()) {
                throw new SocketParseException("invalid JSON: empty");
            }
            parser.next();
            JsonValue value = parser.getValue();
            if (parser.hasNext()) {
                throw new SocketParseException("invalid JSON: trailing data");
            }
            return value;
        } catch (RuntimeException e) {
            // JsonParsingException mostly, but Parsson's limits (nesting depth, number size) throw others
            throw new SocketParseException("invalid JSON: " + e.getMessage());
        }
    }

    static String write(JsonValue value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    static void write(JsonValue value, StringBuilder out) {
        switch (value.getValueType()) {
            case OBJECT -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonValue> e : ((JsonObject) value).entrySet()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    writeString(e.getKey(), out);
                    out.append(':');
                    write(e.getValue(), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                boolean first = true;
                for (JsonValue v : (JsonArray) value) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(v, out);
                }
                out.append(']');
            }
            case STRING -> writeString(((JsonString) value).getString(), out);
            case NUMBER -> writeNumber(((JsonNumber) value).bigDecimalValue(), out);
            case TRUE -> out.append("true");
            case FALSE -> out.append("false");
            case NULL -> out.append("null");
        }
    }

    /** {@code JSON.stringify} escaping: quotes, backslash, control characters and lone surrogates, lowercase hex. */
    static void writeString(String s, StringBuilder out) {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(c, out);
                    } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        // a lone surrogate has no UTF-8 form: escaped it survives the text frame
                        unicodeEscape(c, out);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void unicodeEscape(char c, StringBuilder out) {
        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
    }

    /**
     * JavaScript's Number::toString layout. Integers below 10^21 are written exactly (a Java long id must not
     * be rounded); anything else goes through a double as in JavaScript, so 1e400 becomes {@code null}
     * (JSON.stringify(Infinity)).
     */
    static void writeNumber(BigDecimal value, StringBuilder out) {
        if (value.signum() == 0) {
            out.append('0');
            return;
        }
        BigDecimal v = value.stripTrailingZeros();
        if (v.scale() > 0 || v.abs().compareTo(MAX_PLAIN) >= 0) {
            double d = value.doubleValue();
            if (Double.isInfinite(d)) {
                out.append("null");
                return;
            }
            if (d == 0) {
                out.append('0');
                return;
            }
            v = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        }
        if (v.signum() < 0) {
            out.append('-');
        }
        String digits = v.unscaledValue().abs().toString();
        int k = digits.length();
        int n = k - v.scale(); // value = 0.digits × 10^n
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(n - 1 < 0 ? '-' : '+').append(Math.abs(n - 1));
        }
    }
}
