package org.socketioee.parser;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The direct path (plain values to a tree) must give exactly the tree, text and attachments that JSON-B gives: each
 * sample goes both ways and the results are compared.
 */
class ArgumentSerializerTest {
    public record Point(int x, int y, byte[] blob) {
    }

    public enum Colour { RED }

    /** What JSON-B alone writes (through {@link JsonTreeGenerator}): every kind of property. */
    public record Rich(float f, double d, Long boxed, java.time.LocalDate date, java.util.Optional<String> opt,
                       Colour c, List<Point> points, Map<String, Float> floats, char ch, BigDecimal big,
                       Integer nothing, int[] ints, Map<String, Object> any) {
    }

    static Stream<Object> samples() {
        Map<String, Object> withNulls = new LinkedHashMap<>();
        withNulls.put("a", null);
        withNulls.put("b", 1);
        withNulls.put("c", Arrays.asList(null, "x", null));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("list", List.of(Map.of("bin", new byte[] {1, 2}), new byte[] {3}));
        nested.put("buf", new byte[] {4, 5, 6});
        nested.put("json", JsonValue.NULL);
        nested.put("point", new Point(1, 2, new byte[] {7}));
        Map<String, Object> hashed = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            hashed.put("k" + i, i);
        }
        return Stream.of(
                "plain", "", "quote \" backslash \\ newline \n tab \t nul \u0000 del \u007f", "emoji 😀 é ü 中文",
                "lone \ud800 surrogate", 0, -1, Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, (short) 7, (byte) -8,
                0.0, -0.0, 1.0, 0.1, 1.5e300, 1e21, 1e-7, 123456789.123, -2.5, Double.MIN_VALUE, Double.MAX_VALUE,
                new BigInteger("123456789012345678901234567890"), new BigDecimal("1.50"), new BigDecimal("1E+3"),
                true, false, List.of(), Map.of(), List.of(1, "two", 3.0, false), withNulls, nested, hashed,
                new TreeMap<>(Map.of("z", 1, "a", 2)), new ArrayList<>(List.of(List.of(List.of()))),
                new Object[] {"in", new Object[] {1, null}}, new String[] {"a", "b"}, new int[] {1, 2},
                Map.of(1, "integer key"), Colour.RED, new Point(3, 4, null), 'c', 1.5f,
                JsonText.JSON.createObjectBuilder().add("n", 1).build(), new byte[] {9}, new byte[0],
                new Rich(0.1f, 1e21, 7L, java.time.LocalDate.of(2026, 12, 6), java.util.Optional.of("o"), Colour.RED,
                        List.of(new Point(1, 2, new byte[] {5}), new Point(3, 4, null)), Map.of("x", 1.25f), 'q',
                        new BigDecimal("12.50"), null, new int[] {1, 2}, Map.of("n", List.of(1, "s", Map.of()))),
                new Rich(-0.0f, -2.5, null, null, java.util.Optional.empty(), null, List.of(), Map.of(), '"',
                        BigDecimal.ONE, 3, new int[0], Map.of()));
    }

    /** One way of serializing: the values and the list its attachments go to, to a tree. */
    private interface Path {
        JsonValue serialize(Object value, List<byte[]> attachments);
    }

    /** Both ways give the same text and the same attachments, in the same order. */
    private static void assertSameResult(Object sample, Path one, Path other) {
        List<byte[]> a = new ArrayList<>();
        List<byte[]> b = new ArrayList<>();
        Object[] args = {sample, "after"};
        assertThat(JsonText.write(one.serialize(args, a))).isEqualTo(JsonText.write(other.serialize(args, b)));
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i)).isEqualTo(b.get(i));
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void theTreeWrittenByJsonbIsItsTextParsed(Object sample) {
        assertSameResult(sample, ArgumentSerializer::viaJsonb, ArgumentSerializer::viaJsonbText);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void theDirectTreeIsJsonbs(Object sample) {
        assertSameResult(sample, ArgumentSerializer::direct, ArgumentSerializer::viaJsonb);
    }

    @Test
    void placeholdersAreNumberedDepthFirstAcrossBothPaths() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("first", new byte[] {1});
        m.put("record", new Point(0, 0, new byte[] {2}));
        m.put("last", new byte[] {3});
        ArgumentSerializer.Serialized s = ArgumentSerializer.serialize(m);
        assertThat(JsonText.write(s.json())).isEqualTo("[{\"first\":{\"_placeholder\":true,\"num\":0},"
                + "\"record\":{\"blob\":{\"_placeholder\":true,\"num\":1},\"x\":0,\"y\":0},"
                + "\"last\":{\"_placeholder\":true,\"num\":2}}]");
        assertThat(s.attachments()).containsExactly(new byte[] {1}, new byte[] {2}, new byte[] {3});
    }

    /** JSON-B has no serializer for a ByteBuffer inside a list or map (its class is HeapByteBuffer): now it has. */
    @Test
    void aBufferAnywhereIsTheBinaryOfItsRemainingBytes() {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {0, 1, 2, 3});
        buffer.get();
        ArgumentSerializer.Serialized s = ArgumentSerializer.serialize(List.of(Map.of("b", buffer)), buffer);
        assertThat(JsonText.write(s.json()))
                .isEqualTo("[[{\"b\":{\"_placeholder\":true,\"num\":0}}],{\"_placeholder\":true,\"num\":1}]");
        assertThat(s.attachments()).containsExactly(new byte[] {1, 2, 3}, new byte[] {1, 2, 3});
        assertThat(buffer.position()).isEqualTo(1);
    }

    @Test
    void notANumberAndInfinityAreNullAsJsonStringifyWritesThemAndBinaryOutsideArgumentsIsRefused() {
        assertThat(ArgumentSerializer.serialize(List.of(Double.NaN, Double.POSITIVE_INFINITY), Float.NEGATIVE_INFINITY,
                Map.of("f", Float.NaN), 1.5f).json()).hasToString("[[null,null],null,{\"f\":null},1.5]");
        assertThatThrownBy(() -> ArgumentSerializer.serializeWithoutBinary(Map.of("b", new byte[] {1})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("binary data is only allowed in event and ack arguments");
    }
}
