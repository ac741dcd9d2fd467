package org.socketioee.parser;

import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTextTest {
    private static String number(String literal) {
        StringBuilder out = new StringBuilder();
        JsonText.writeNumber(new BigDecimal(literal), out);
        return out.toString();
    }

    private static String string(String s) {
        StringBuilder out = new StringBuilder();
        JsonText.writeString(s, out);
        return out.toString();
    }

    /** Expected values are what JSON.stringify(Number(literal)) gives in Node. */
    @ParameterizedTest
    @CsvSource({
            "0, 0", "-0, 0", "0.0, 0", "1, 1", "1.0, 1", "-1.50, -1.5", "100.0, 100", "1.0E+2, 100", "1e2, 100",
            "0.5, 0.5", "0.000001, 0.000001", "0.0000001, 1e-7", "1.5e-7, 1.5e-7", "1.2345e-10, 1.2345e-10",
            "0.30000000000000004, 0.30000000000000004", "123.456, 123.456",
            "100000000000000000000, 100000000000000000000", "1e21, 1e+21", "1.5e21, 1.5e+21", "-2e25, -2e+25",
            "1e400, null", "-1e400, null", "1e-400, 0",
            // integers below 1e21 stay exact (JavaScript would round past 2^53): ids must survive
            "9223372036854775807, 9223372036854775807", "12345678901234567890, 12345678901234567890",
    })
    void numbersAreWrittenAsJavaScriptDoes(String literal, String expected) {
        assertThat(number(literal)).isEqualTo(expected);
    }

    @Test
    void stringsAreEscapedAsJsonStringify() {
        assertThat(string("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
        assertThat(string("\b\f\n\r\t")).isEqualTo("\"\\b\\f\\n\\r\\t\"");
        assertThat(string("\u0000\u0001\u001f")).isEqualTo("\"\\u0000\\u0001\\u001f\"");
        // not escaped by JSON.stringify: slash, DEL, line separators, non-ASCII, surrogate pairs
        assertThat(string("/\u007f\u2028\u2029é€😀")).isEqualTo("\"/\u007f\u2028\u2029é€😀\"");
    }

    @Test
    void loneSurrogatesAreEscapedInLowercase() {
        assertThat(string("a\uD83Db")).isEqualTo("\"a\\ud83db\"");
        assertThat(string("\uDE00")).isEqualTo("\"\\ude00\"");
        assertThat(string("\uDE00\uD83D")).isEqualTo("\"\\ude00\\ud83d\"");
        assertThat(string("x\uD83D")).isEqualTo("\"x\\ud83d\"");
    }

    @Test
    void writesTreesCompactlyInDocumentOrder() throws Exception {
        String json = "{\"z\":1,\"a\":[true,false,null,{\"x\":\"y\"}],\"m\":{}, \"e\":[]}";
        assertThat(JsonText.write(JsonText.parse(json)))
                .isEqualTo("{\"z\":1,\"a\":[true,false,null,{\"x\":\"y\"}],\"m\":{},\"e\":[]}");
    }

    @Test
    void parsesAsciiEscapedSurrogatePairs() throws Exception {
        JsonValue v = JsonText.parse("\"\\uD83D\\uDE00 \\ud83d\\ude00\"");
        assertThat(v).hasToString("\"😀 😀\"");
        assertThat(JsonText.write(v)).isEqualTo("\"😀 😀\"");
    }

    @Test
    void parseIsStrict() {
        for (String bad : new String[]{"", "  ", "[1] x", "[1]]", "[1][2]", "01", "[1,]", "{'a':1}", "NaN",
                "[\"\\x\"]", "\"a\u0001\"", "tru", "{\"a\"}"}) {
            assertThatThrownBy(() -> JsonText.parse(bad)).as(bad)
                    .isInstanceOf(SocketParseException.class).hasMessageStartingWith("invalid JSON");
        }
    }

    @Test
    void parseAcceptsSurroundingWhitespaceAndScalars() throws Exception {
        assertThat(JsonText.parse(" [1] \n").asJsonArray()).hasSize(1);
        assertThat(JsonText.parse("\"s\"").getValueType()).isEqualTo(JsonValue.ValueType.STRING);
        assertThat(JsonText.parse("12").getValueType()).isEqualTo(JsonValue.ValueType.NUMBER);
    }

    @Test
    void duplicateKeysKeepTheLastValueAsJsonParse() throws Exception {
        assertThat(JsonText.write(JsonText.parse("{\"a\":1,\"a\":2}"))).isEqualTo("{\"a\":2}");
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> JsonText.parse(deep)).isInstanceOf(SocketParseException.class);
    }
}
