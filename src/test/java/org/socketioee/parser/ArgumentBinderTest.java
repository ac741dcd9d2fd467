package org.socketioee.parser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Strict binding: a table of JSON inputs × target types, with the value bound or the refusal's message. */
class ArgumentBinderTest {
    public record Author(String name, int age) {
    }

    public record Post(String text, Author author, List<String> tags) {
    }

    public record Tree(String name, List<Tree> children) {
    }

    public record File(String name, byte[] data) {
    }

    public enum Color { RED, GREEN }

    /** A bean: checked here, built by JSON-B. */
    public static final class Profile {
        private String nick;
        private int age;
        public List<Integer> scores;

        public String getNick() {
            return nick;
        }

        public void setNick(String nick) {
            this.nick = nick;
        }

        public int getAge() {
            return age;
        }

        public void setAge(int age) {
            this.age = age;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Profile p && java.util.Objects.equals(nick, p.nick) && age == p.age
                    && java.util.Objects.equals(scores, p.scores);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(nick, age, scores);
        }

        static Profile of(String nick, int age, List<Integer> scores) {
            Profile p = new Profile();
            p.nick = nick;
            p.age = age;
            p.scores = scores;
            return p;
        }
    }

    /** Holds the generic types of the table. */
    @SuppressWarnings("unused")
    private static final class Generic {
        List<String> strings;
        Map<String, Integer> counts;

        static Type of(String field) {
            try {
                return Generic.class.getDeclaredField(field).getGenericType();
            } catch (NoSuchFieldException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** The expected refusal: the message sent back to the client. */
    record Refused(String message) {
    }

    static Refused refused(String message) {
        return new Refused(message);
    }

    static Arguments row(String typeName, Type type, String json, Object expected) {
        return Arguments.of(typeName, type, json, expected);
    }

    static Stream<Arguments> table() {
        Type strings = Generic.of("strings");
        Type counts = Generic.of("counts");
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("a", List.of(1, "x"));
        nested.put("n", null);
        return Stream.of(
                row("String", String.class, "\"hi\"", "hi"),
                row("String", String.class, "1", refused("argument 1: expected a string, got a number")),
                row("String", String.class, "1.5", refused("argument 1: expected a string, got a fraction")),
                row("String", String.class, "[\"a\",\"b\"]", refused("argument 1: expected a string, got an array")),
                row("String", String.class, "true", refused("argument 1: expected a string, got a boolean")),
                row("String", String.class, "{}", refused("argument 1: expected a string, got an object")),
                row("String", String.class, "null", null),
                row("char", char.class, "\"x\"", 'x'),
                row("char", char.class, "\"xy\"", refused("argument 1: expected a one-character string, got a string")),
                row("char", char.class, "null", refused("argument 1: expected a one-character string, got null")),

                row("int", int.class, "42", 42),
                row("int", int.class, "-7", -7),
                row("int", int.class, "2.0", 2), // JavaScript has one number type: 2.0 is the integer 2
                row("int", int.class, "1.5", refused("argument 1: expected an integer, got a fraction")),
                row("int", int.class, "3000000000",
                        refused("argument 1: expected an integer from -2147483648 to 2147483647, got 3000000000")),
                row("int", int.class, "\"42\"", refused("argument 1: expected an integer, got a string")),
                row("int", int.class, "true", refused("argument 1: expected an integer, got a boolean")),
                row("int", int.class, "[1]", refused("argument 1: expected an integer, got an array")),
                row("int", int.class, "null", refused("argument 1: expected an integer, got null")),

                row("long", long.class, "3000000000", 3_000_000_000L),
                row("long", long.class, "1e3", 1000L),
                row("long", long.class, "9223372036854775808", refused("argument 1: expected an integer from "
                        + "-9223372036854775808 to 9223372036854775807, got 9223372036854775808")),
                row("long", long.class, "0.5", refused("argument 1: expected an integer, got a fraction")),
                // found by fuzzing (session/huge-exponent): refused at once, not after building 10^99999999
                row("long", long.class, "-9E99999999", refused("argument 1: expected an integer from "
                        + "-9223372036854775808 to 9223372036854775807, got -9E+99999999")),
                row("long", long.class, "1E-99999999", refused("argument 1: expected an integer, got a fraction")),
                row("BigInteger", java.math.BigInteger.class, "1E999", java.math.BigInteger.TEN.pow(999)),
                row("BigInteger", java.math.BigInteger.class, "1E1000", refused(
                        "argument 1: expected an integer of at most 1000 digits, got 1E+1000")),
                row("int", int.class, "1.0E19", refused("argument 1: expected an integer from "
                        + "-2147483648 to 2147483647, got 10000000000000000000")),

                row("Integer", Integer.class, "7", 7),
                row("Integer", Integer.class, "null", null),
                row("Integer", Integer.class, "\"7\"", refused("argument 1: expected an integer, got a string")),

                row("double", double.class, "1.5", 1.5),
                row("double", double.class, "2", 2.0),
                row("double", double.class, "\"1.5\"", refused("argument 1: expected a number, got a string")),
                row("double", double.class, "1e400", refused("argument 1: expected a number, got one out of range")),
                row("double", double.class, "null", refused("argument 1: expected a number, got null")),

                row("boolean", boolean.class, "true", true),
                row("boolean", boolean.class, "false", false),
                row("boolean", boolean.class, "1", refused("argument 1: expected a boolean, got a number")),
                row("boolean", boolean.class, "\"true\"", refused("argument 1: expected a boolean, got a string")),
                row("boolean", boolean.class, "null", refused("argument 1: expected a boolean, got null")),

                row("record", Post.class, "{\"text\":\"hi\",\"author\":{\"name\":\"ann\",\"age\":3},\"tags\":[\"a\"]}",
                        new Post("hi", new Author("ann", 3), List.of("a"))),
                row("record", Post.class, "{\"text\":\"hi\"}", new Post("hi", null, null)), // missing: null
                row("record", Post.class, "{\"text\":\"hi\",\"unknown\":1}", new Post("hi", null, null)),
                row("record", Post.class, "{\"text\":5}", refused("text: expected a string, got a number")),
                row("record", Post.class, "{\"text\":[\"a\",\"b\"]}", refused("text: expected a string, got an array")),
                row("record", Post.class, "{\"text\":\"hi\",\"author\":{\"name\":\"ann\",\"age\":1.5}}",
                        refused("author.age: expected an integer, got a fraction")),
                row("record", Post.class, "{\"text\":\"hi\",\"author\":{\"name\":\"ann\"}}", // a primitive component
                        refused("author.age: expected an integer, got nothing")),
                row("record", Post.class, "{\"text\":\"hi\",\"author\":{\"name\":2,\"age\":1}}",
                        refused("author.name: expected a string, got a number")),
                row("record", Post.class, "{\"text\":\"hi\",\"author\":\"ann\"}",
                        refused("author: expected an object, got a string")),
                row("record", Post.class, "{\"text\":\"hi\",\"tags\":[\"a\",2]}",
                        refused("tags[1]: expected a string, got a number")),
                row("record", Post.class, "{\"text\":\"hi\",\"tags\":\"a\"}",
                        refused("tags: expected an array, got a string")),
                row("record", Post.class, "[\"hi\"]", refused("argument 1: expected an object, got an array")),
                row("record", Post.class, "null", null),

                row("bean", Profile.class, "{\"nick\":\"ann\",\"age\":3,\"scores\":[1,2]}",
                        Profile.of("ann", 3, List.of(1, 2))),
                row("bean", Profile.class, "{\"nick\":\"ann\"}", Profile.of("ann", 0, null)),
                row("bean", Profile.class, "{\"nick\":5}", refused("nick: expected a string, got a number")),
                row("bean", Profile.class, "{\"age\":2.5}", refused("age: expected an integer, got a fraction")),
                row("bean", Profile.class, "{\"scores\":[1,\"2\"]}",
                        refused("scores[1]: expected an integer, got a string")),
                row("bean", Profile.class, "1", refused("argument 1: expected an object, got a number")),

                row("List<String>", strings, "[\"a\",\"b\"]", List.of("a", "b")),
                row("List<String>", strings, "[]", List.of()),
                row("List<String>", strings, "[\"a\",1]", refused("argument 1[1]: expected a string, got a number")),
                row("List<String>", strings, "\"a\"", refused("argument 1: expected an array, got a string")),
                row("List<String>", strings, "{\"0\":\"a\"}", refused("argument 1: expected an array, got an object")),

                row("Map<String,Integer>", counts, "{\"a\":1,\"b\":2}", Map.of("a", 1, "b", 2)),
                row("Map<String,Integer>", counts, "{\"a\":\"1\"}", refused("a: expected an integer, got a string")),
                row("Map<String,Integer>", counts, "{\"a\":1.5}", refused("a: expected an integer, got a fraction")),
                row("Map<String,Integer>", counts, "[1]", refused("argument 1: expected an object, got an array")),

                row("enum", Color.class, "\"GREEN\"", Color.GREEN),
                row("enum", Color.class, "\"BLUE\"", refused("argument 1: expected one of \"RED\", \"GREEN\"")),
                row("enum", Color.class, "0", refused("argument 1: expected one of \"RED\", \"GREEN\", got a number")),

                // Object: plain Java values as Node sees them, integers staying integers
                row("Object", Object.class, "1", 1),
                row("Object", Object.class, "3000000000", 3_000_000_000L),
                row("Object", Object.class, "1.5", 1.5),
                row("Object", Object.class, "\"s\"", "s"),
                row("Object", Object.class, "{\"a\":[1,\"x\"],\"n\":null}", nested),
                row("Object", Object.class, "null", null));
    }

    static SocketPacket event(String argumentsJson) throws SocketParseException {
        return new SocketPacket(SocketPacketType.EVENT, "/", null, JsonText.parse("[\"ev\"," + argumentsJson + "]"));
    }

    @ParameterizedTest(name = "{0} from {2}")
    @MethodSource("table")
    @org.junit.jupiter.api.Timeout(10) // a number may cost no more than its text: -9E99999999 took minutes
    void bindsOrRefuses(String typeName, Type type, String json, Object expected) throws Exception {
        SocketPacket p = event(json);
        if (expected instanceof Refused r) {
            assertThatThrownBy(() -> ArgumentBinder.bind(p, p.args().get(0), type, "argument 1"))
                    .isInstanceOf(ArgumentBindException.class).hasMessage(r.message());
        } else {
            Object bound = ArgumentBinder.bind(p, p.args().get(0), type, "argument 1");
            assertThat(bound).isEqualTo(expected);
            if (expected instanceof Number) {
                assertThat(bound).isInstanceOf(expected.getClass()); // Integer stays Integer, Long stays Long
            }
        }
    }

    @Test
    void anAbsentArgumentIsNullOrRefusedWhenPrimitive() throws Exception {
        SocketPacket p = event("1");
        assertThat(ArgumentBinder.bind(p, null, String.class, "argument 2")).isNull();
        assertThatThrownBy(() -> ArgumentBinder.bind(p, null, int.class, "argument 2"))
                .hasMessage("argument 2: expected an integer, got nothing");
    }

    @Test
    void placeholdersBindToTheirAttachmentsAtAnyDepth() throws Exception {
        SocketPacket p = new SocketPacket(SocketPacketType.BINARY_EVENT, "/", null, JsonText.parse(
                "[\"ev\",{\"name\":\"f\",\"data\":{\"_placeholder\":true,\"num\":0}},{\"_placeholder\":true,\"num\":1}]"),
                List.of(new byte[] {1, 2}, new byte[] {3}));
        File f = (File) ArgumentBinder.bind(p, p.args().get(0), File.class, "argument 1");
        assertThat(f.name()).isEqualTo("f");
        assertThat(f.data()).containsExactly(1, 2);
        assertThat((byte[]) ArgumentBinder.bind(p, p.args().get(1), byte[].class, "argument 2")).containsExactly(3);
        assertThatThrownBy(() -> ArgumentBinder.bind(p, p.args().get(1), String.class, "argument 2"))
                .hasMessage("argument 2: expected a string, got binary data");
    }

    @Test
    void recursiveRecordsBindAndPlansAreComputedOnce() throws Exception {
        SocketPacket p = event("{\"name\":\"root\",\"children\":[{\"name\":\"leaf\",\"children\":[]}]}");
        assertThat(ArgumentBinder.bind(p, p.args().get(0), Tree.class, "argument 1"))
                .isEqualTo(new Tree("root", List.of(new Tree("leaf", List.of()))));
        assertThat(ArgumentBinder.plan(Tree.class)).isSameAs(ArgumentBinder.plan(Tree.class));
        assertThat(ArgumentBinder.plan(Generic.of("strings"))).isSameAs(ArgumentBinder.plan(Generic.of("strings")));
    }
}
